package robustperf.ingest.robustbench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.schema.RecordRows;

/**
 * Spark job: every {@code <dataset>/{Linf,L2}/<model id>.json} under a RobustBench model_info
 * snapshot into the entries table, the parse-issues table and the rejected files.
 */
public final class RobustBenchIngest {
  /** Sources tagged in the rejected-files table. */
  public static final String SOURCE = "robustbench";

  /**
   * @param modelInfoRoot the model_info directory (local path or Hadoop URI)
   */
  public record Options(String modelInfoRoot) {}

  /**
   * @param entries one row per parsed entry ({@link RobustBenchEntry})
   * @param issues one row per unparsed value ({@link ParseIssue})
   * @param rejected one row per file rejected whole ({@link RejectedFile})
   */
  public record Output(Dataset<Row> entries, Dataset<Row> issues, Dataset<Row> rejected) {}

  /** What one file became: an entry with issues, or a rejection. */
  private record Outcome(RobustBenchEntry entry, List<ParseIssue> issues, RejectedFile rejected)
      implements Serializable {}

  private final Options options;

  public RobustBenchIngest(Options options) {
    this.options = options;
  }

  /**
   * Parses the snapshot.
   *
   * @param spark the session
   * @return the three tables, computed once and cached
   */
  public Output run(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String glob = options.modelInfoRoot().replaceAll("/+$", "") + "/*/{Linf,L2}/*.json";
    JavaRDD<Outcome> outcomes =
        jsc.wholeTextFiles(glob, 4).map(file -> parse(file._1(), file._2())).cache();
    Dataset<Row> entries =
        spark.createDataFrame(
            outcomes.filter(o -> o.entry() != null).map(o -> RecordRows.toRow(o.entry())),
            RecordRows.schema(RobustBenchEntry.class));
    Dataset<Row> issues =
        spark.createDataFrame(
            outcomes.flatMap(o -> o.issues().stream().map(RecordRows::toRow).iterator()),
            RecordRows.schema(ParseIssue.class));
    Dataset<Row> rejected =
        spark.createDataFrame(
            outcomes.filter(o -> o.rejected() != null).map(o -> RecordRows.toRow(o.rejected())),
            RecordRows.schema(RejectedFile.class));
    return new Output(entries, issues, rejected);
  }

  private static Outcome parse(String uri, String text) {
    String relative = lastSegments(uri, 3);
    try {
      RobustBenchEntryParser.Result result = RobustBenchEntryParser.parse(relative, text);
      return new Outcome(result.entry(), result.issues(), null);
    } catch (MalformedEntryException e) {
      return new Outcome(null, List.of(), new RejectedFile(SOURCE, uri, e.getMessage()));
    }
  }

  private static String lastSegments(String uri, int n) {
    String[] parts = uri.split("/");
    List<String> tail = new ArrayList<>();
    for (int i = Math.max(0, parts.length - n); i < parts.length; i++) {
      tail.add(parts[i]);
    }
    return String.join("/", tail);
  }
}
