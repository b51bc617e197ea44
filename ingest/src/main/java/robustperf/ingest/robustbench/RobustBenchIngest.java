package robustperf.ingest.robustbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import robustperf.ingest.InputLayout;
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
   * @param layout the order and partitions the files are read in
   */
  public record Options(String modelInfoRoot, InputLayout layout) {
    /** @param modelInfoRoot the model_info directory, read in path order */
    public Options(String modelInfoRoot) {
      this(modelInfoRoot, InputLayout.DEFAULT);
    }
  }

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
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> files = options.layout().order(list(options.modelInfoRoot(), conf));
    Broadcast<SerializableConfiguration> hadoop = jsc.broadcast(new SerializableConfiguration(conf));
    JavaRDD<Outcome> outcomes =
        jsc.parallelize(files, options.layout().slicesFor(files.size(), jsc.defaultParallelism()))
            .map(file -> parse(file, read(file, hadoop.value().value())))
            .cache();
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

  /** The snapshot's entry files, {@code <dataset>/{Linf,L2}/<model id>.json}, in path order. */
  private static List<String> list(String root, Configuration conf) {
    Path glob = new Path(root.replaceAll("/+$", "") + "/*/{Linf,L2}/*.json");
    try {
      FileStatus[] found = glob.getFileSystem(conf).globStatus(glob);
      List<String> files = new ArrayList<>();
      for (FileStatus f : found == null ? new FileStatus[0] : found) {
        if (f.isFile()) {
          files.add(f.getPath().toString());
        }
      }
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list RobustBench entries under " + root, e);
    }
  }

  private static String read(String file, Configuration conf) throws IOException {
    Path path = new Path(file);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
