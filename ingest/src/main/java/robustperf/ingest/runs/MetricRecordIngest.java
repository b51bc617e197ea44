package robustperf.ingest.runs;

import static robustperf.ingest.schema.Component.columnOf;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import robustperf.ingest.InputLayout;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.InferenceBenchmark;
import robustperf.records.LayerProfile;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFile;
import robustperf.records.parquet.RecordFileException;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;

/**
 * Spark job: every metric-record Parquet file under a runs root into one table per record kind.
 * Files and directories whose names start with "_" or "." are in progress or hidden, and skipped.
 */
public final class MetricRecordIngest {
  /** Source tag in the rejected-files table. */
  public static final String SOURCE = "metric-records";

  /**
   * @param runsRoot the runs directory (local path or Hadoop URI); may not exist yet
   * @param layout the order and partitions the files are read in
   */
  public record Options(String runsRoot, InputLayout layout) {
    /** @param runsRoot the runs directory, read in path order */
    public Options(String runsRoot) {
      this(runsRoot, InputLayout.DEFAULT);
    }
  }

  /**
   * @param tables one table per kind, named by {@link RecordKind#id()}
   * @param rejected files not taken in, with reasons ({@link RejectedFile})
   * @param ingested files taken in ({@link IngestedFile})
   * @param files number of files read
   */
  public record Output(
      Map<RecordKind, Dataset<Row>> tables, Dataset<Row> rejected, Dataset<Row> ingested, long files) {}

  /**
   * A file taken in.
   *
   * @param file its path or URI
   * @param kind the record kind id
   * @param rows rows it held
   */
  public record IngestedFile(String file, String kind, long rows) implements Serializable {}

  /**
   * A file found under the runs root, with what identifies this version of it.
   *
   * @param file its path or URI
   * @param sizeBytes its length
   * @param modifiedAt its modification time, epoch milliseconds
   */
  public record FoundFile(String file, long sizeBytes, long modifiedAt) implements Serializable {}

  /** What one file became: its kind and rows, or a rejection. */
  private record Outcome(String file, RecordKind kind, List<Row> rows, RejectedFile rejected)
      implements Serializable {}

  /** Natural keys of each kind: a row with the same key is the same fact delivered again. */
  public static List<String> keys(RecordKind kind) {
    return switch (kind) {
      case RUN_MANIFEST -> List.of(columnOf(RunManifest::runId));
      case EPOCH_METRICS -> List.of(columnOf(EpochMetrics::runId), columnOf(EpochMetrics::epoch));
      case EVALUATION -> List.of(columnOf(EvaluationResult::runId), columnOf(EvaluationResult::checkpoint),
          columnOf(EvaluationResult::checkpointEpoch), columnOf(EvaluationResult::attackSuite));
      case INFERENCE_BENCHMARK -> List.of(columnOf(InferenceBenchmark::runId), columnOf(InferenceBenchmark::device),
          columnOf(InferenceBenchmark::batchSize), columnOf(InferenceBenchmark::precision));
      case LAYER_PROFILE -> List.of(columnOf(LayerProfile::runId), columnOf(LayerProfile::device), columnOf(LayerProfile::phase),
          columnOf(LayerProfile::category));
    };
  }

  private final Options options;

  public MetricRecordIngest(Options options) {
    this.options = options;
  }

  /**
   * Reads every record file under the runs root.
   *
   * @param spark the session
   * @return the tables, the rejected files and the count of files found
   */
  public Output run(SparkSession spark) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> files = find(new Path(options.runsRoot()), conf).stream().map(FoundFile::file).toList();
    return read(spark, options.layout().order(files), options.layout());
  }

  /**
   * Reads the given record files (e.g. only the new ones).
   *
   * @param spark the session
   * @param files paths or URIs
   * @return the tables, the rejected and the ingested files
   */
  public static Output read(SparkSession spark, List<String> files) {
    return read(spark, files, InputLayout.DEFAULT);
  }

  private static Output read(SparkSession spark, List<String> files, InputLayout layout) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> hadoop = jsc.broadcast(new SerializableConfiguration(conf));
    int slices = layout.slicesFor(files.size(), jsc.defaultParallelism());
    JavaRDD<Outcome> outcomes =
        jsc.parallelize(files, slices).map(file -> readOne(file, hadoop.value().value())).cache();
    Map<RecordKind, Dataset<Row>> tables = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      tables.put(
          kind,
          spark.createDataFrame(
              outcomes.filter(o -> o.kind() == kind).flatMap(o -> o.rows().iterator()),
              RecordRows.schema(kind.type())));
    }
    Dataset<Row> rejected =
        spark.createDataFrame(
            outcomes.filter(o -> o.rejected() != null).map(o -> RecordRows.toRow(o.rejected())),
            RecordRows.schema(RejectedFile.class));
    Dataset<Row> ingested =
        spark.createDataFrame(
            outcomes.filter(o -> o.rejected() == null)
                .map(o -> RecordRows.toRow(new IngestedFile(o.file(), o.kind().id(), o.rows().size()))),
            RecordRows.schema(IngestedFile.class));
    return new Output(tables, rejected, ingested, files.size());
  }

  private static Outcome readOne(String file, Configuration conf) {
    try {
      Path path = new Path(file);
      RecordFile records = RecordFiles.read(HadoopInputFile.fromPath(path, conf), file);
      return new Outcome(file, records.kind(), records.rows().stream().map(RecordRows::toRow).toList(), null);
    } catch (RecordFileException e) {
      return new Outcome(file, null, List.of(), new RejectedFile(SOURCE, file, e.getMessage()));
    } catch (IOException | RuntimeException e) {
      return new Outcome(file, null, List.of(), new RejectedFile(SOURCE, file, file + ": " + e));
    }
  }

  /**
   * Lists *.parquet files under the root, skipping "_" and "." names at any depth (in progress or
   * hidden).
   *
   * @param root the runs root
   * @param conf Hadoop configuration for its file system
   * @return the files, sorted by path; empty when the root does not exist
   */
  public static List<FoundFile> find(Path root, Configuration conf) {
    String scheme = root.toUri().getScheme();
    if (scheme == null || scheme.equals("file")) {
      return findLocal(java.nio.file.Path.of(root.toUri().getPath()));
    }
    List<FoundFile> files = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        return files;
      }
      String rootText = fs.makeQualified(root).toString();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus status = it.next();
        Path p = status.getPath();
        String relative = p.toString().substring(Math.min(p.toString().length(), rootText.length()));
        if (p.getName().endsWith(".parquet") && !hiddenSegment(relative)) {
          files.add(new FoundFile(p.toString(), status.getLen(), status.getModificationTime()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list metric-record files under " + root, e);
    }
    files.sort(java.util.Comparator.comparing(FoundFile::file));
    return files;
  }

  /**
   * Local directories are walked with java.nio: Hadoop's local file system forks a process per
   * file to read permissions, which made listing 10,000 files take 40 s.
   */
  private static List<FoundFile> findLocal(java.nio.file.Path root) {
    List<FoundFile> files = new ArrayList<>();
    if (!java.nio.file.Files.isDirectory(root)) {
      return files;
    }
    try {
      java.nio.file.Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult preVisitDirectory(java.nio.file.Path dir, java.nio.file.attribute.BasicFileAttributes a) {
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          return !dir.equals(root) && RecordFiles.isSkipped(name)
              ? java.nio.file.FileVisitResult.SKIP_SUBTREE
              : java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFile(java.nio.file.Path file, java.nio.file.attribute.BasicFileAttributes a) {
          String name = file.getFileName().toString();
          if (a.isRegularFile() && name.endsWith(".parquet") && !RecordFiles.isSkipped(name)) {
            files.add(new FoundFile(new Path(file.toUri()).toString(), a.size(), a.lastModifiedTime().toMillis()));
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list metric-record files under " + root, e);
    }
    files.sort(java.util.Comparator.comparing(FoundFile::file));
    return files;
  }

  private static boolean hiddenSegment(String relative) {
    for (String segment : relative.split("/")) {
      if (RecordFiles.isSkipped(segment)) {
        return true;
      }
    }
    return false;
  }
}
