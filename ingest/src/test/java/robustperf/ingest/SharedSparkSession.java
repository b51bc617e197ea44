package robustperf.ingest;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.session.SparkSessions;

/** One local Spark session per test JVM: start-up costs seconds, so every test class shares it. */
public final class SharedSparkSession {
  private static SparkSession spark;

  private SharedSparkSession() {}

  /** @return the shared session, started on first use and stopped when the JVM exits */
  public static synchronized SparkSession get() {
    if (spark == null) {
      System.setProperty("spark.master", "local[2]");
      spark = SparkSessions.create("robustperf-tests");
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }

  /** @return the repository root, set by Surefire, for tests that read data/ */
  public static Path repo() {
    String repo = System.getProperty("robustperf.repo");
    if (repo == null) {
      throw new IllegalStateException("system property robustperf.repo is not set (Surefire sets it)");
    }
    return Path.of(repo);
  }
}
