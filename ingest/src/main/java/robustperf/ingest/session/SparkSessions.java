package robustperf.ingest.session;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session for RobustPerf's jobs. Under spark-submit the master and bind address
 * come from the submitter; run directly, it is local[*] bound to loopback so nothing listens on a
 * public interface.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Creates (or joins, under spark-submit) the session.
   *
   * @param appName the application name shown in logs
   * @return the session; the caller stops it
   */
  public static SparkSession create(String appName) {
    return create(appName, Map.of());
  }

  /**
   * As {@link #create(String)}, with settings a job decided from the submitted configuration
   * (e.g. the executors' resources) applied before the session starts.
   *
   * @param appName the application name shown in logs
   * @param settings configuration to set, over the submitted one
   * @return the session; the caller stops it
   */
  public static SparkSession create(String appName, Map<String, String> settings) {
    quietCodeGenerator();
    SparkConf conf = new SparkConf(true);
    settings.forEach(conf::set);
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", appName);
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    conf.setIfMissing("spark.ui.enabled", "false");
    // The curated tables are small (thousands of rows): few partitions beat the default 200.
    conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    // Record tables are wider than the default 25 fields that plans print in full.
    conf.setIfMissing("spark.sql.debug.maxToStringFields", "100");
    // Delta Lake for the nightly warehouse; MERGE may add columns a newer schema minor brings.
    conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.setIfMissing("spark.databricks.delta.schema.autoMerge.enabled", "true");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * Some hosts open java.util.logging at FINEST (the Jupyter Java kernel does). Spark's code
   * generator, janino, then logs every compiler step through Spark's JUL-to-SLF4J bridge, whose
   * message formatting throws on janino's arguments and aborts the query: janino is held at INFO.
   */
  private static void quietCodeGenerator() {
    if (JANINO.isLoggable(Level.FINE)) {
      JANINO.setLevel(Level.INFO);
    }
  }

  // A field, because java.util.logging holds loggers weakly: the level set must stay with it.
  private static final Logger JANINO = Logger.getLogger("org.codehaus.janino");
}
