package robustperf.ingest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.compute.ComputeRecipeIngest;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.robustbench.RobustBenchIngest;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.parquet.RecordKind;

/** Spark job: RobustBench metadata and metric records into the curated tables under out/. */
public final class IngestJob {
  /**
   * @param dataDir the data directory, holding robustbench/model_info
   * @param runsDir the metric-record runs directory (may not exist)
   * @param outDir where the tables go
   * @param layout the order and partitions input files are read in (results never depend on it)
   * @param progress told of every table as it is written
   */
  public record Options(Path dataDir, String runsDir, Path outDir, InputLayout layout, Consumer<CuratedTables.Written> progress) {
    /** Files read in path order, nothing told. */
    public Options(Path dataDir, String runsDir, Path outDir) {
      this(dataDir, runsDir, outDir, InputLayout.DEFAULT, written -> {});
    }
  }

  /**
   * @param rowsPerTable rows written per table, in writing order
   * @param rejected files not taken in, each "file: reason"
   */
  public record Summary(Map<String, Long> rowsPerTable, List<String> rejected) {}

  private final Options options;

  public IngestJob(Options options) {
    this.options = options;
  }

  /**
   * Reads every record file under the runs directory, with RobustBench, into the tables.
   *
   * @param spark the session
   * @return rows per table and the rejected files
   * @throws IllegalArgumentException when the RobustBench snapshot is missing
   */
  public Summary run(SparkSession spark) {
    MetricRecordIngest.Output records =
        new MetricRecordIngest(new MetricRecordIngest.Options(options.runsDir(), options.layout())).run(spark);
    return write(spark, options.dataDir(), options.outDir(), records.tables(), records.rejected(), Map.of(), options.layout(),
        options.progress());
  }

  /**
   * Writes the curated tables from metric-record tables obtained elsewhere (the nightly
   * warehouse), with RobustBench parsed from the data directory.
   *
   * @param spark the session
   * @param dataDir the data directory, holding robustbench/model_info
   * @param outDir where the tables go
   * @param recordTables one table per record kind
   * @param rejectedRecords record files not taken in ({@code RejectedFile} rows)
   * @param extraTables further tables to write as they are, by name
   * @return rows per table and the rejected files
   * @throws IllegalArgumentException when the RobustBench snapshot is missing
   */
  public static Summary write(
      SparkSession spark,
      Path dataDir,
      Path outDir,
      Map<RecordKind, Dataset<Row>> recordTables,
      Dataset<Row> rejectedRecords,
      Map<String, Dataset<Row>> extraTables) {
    return write(spark, dataDir, outDir, recordTables, rejectedRecords, extraTables, InputLayout.DEFAULT, written -> {});
  }

  private static Summary write(
      SparkSession spark,
      Path dataDir,
      Path outDir,
      Map<RecordKind, Dataset<Row>> recordTables,
      Dataset<Row> rejectedRecords,
      Map<String, Dataset<Row>> extraTables,
      InputLayout layout,
      Consumer<CuratedTables.Written> progress) {
    Path modelInfo = dataDir.resolve("robustbench").resolve("model_info");
    if (!modelInfo.toFile().isDirectory()) {
      throw new IllegalArgumentException(
          "no RobustBench snapshot at " + modelInfo + ": pass --data pointing at RobustPerf's data/");
    }
    RobustBenchIngest.Output robustBench =
        new RobustBenchIngest(new RobustBenchIngest.Options(modelInfo.toString(), layout)).run(spark);
    CuratedTables tables = CuratedTables.under(outDir).whenWritten(progress);
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put(CuratedTables.ROBUSTBENCH_ENTRIES, tables.write(CuratedTables.ROBUSTBENCH_ENTRIES, robustBench.entries()));
    rows.put(CuratedTables.ROBUSTBENCH_PARSE_ISSUES, tables.write(CuratedTables.ROBUSTBENCH_PARSE_ISSUES, robustBench.issues()));
    ComputeRecipeIngest.Output compute = ComputeRecipeIngest.read(spark, dataDir.resolve("compute"));
    rows.put(CuratedTables.COMPUTE_RECIPES, tables.write(CuratedTables.COMPUTE_RECIPES, compute.recipes()));
    rows.put(CuratedTables.COMPUTE_RECIPE_FIGURES, tables.write(CuratedTables.COMPUTE_RECIPE_FIGURES, compute.figures()));
    rows.put(CuratedTables.COMPUTE_ARCHITECTURES, tables.write(CuratedTables.COMPUTE_ARCHITECTURES, compute.architectures()));
    for (Map.Entry<RecordKind, Dataset<Row>> table : recordTables.entrySet()) {
      rows.put(table.getKey().id(), tables.write(table.getKey().id(), table.getValue()));
    }
    for (Map.Entry<String, Dataset<Row>> table : extraTables.entrySet()) {
      rows.put(table.getKey(), tables.write(table.getKey(), table.getValue()));
    }
    Dataset<Row> rejected = robustBench.rejected().unionByName(compute.rejected()).unionByName(rejectedRecords);
    rows.put(CuratedTables.REJECTED_FILES, tables.write(CuratedTables.REJECTED_FILES, rejected));
    List<String> rejectedList =
        tables.read(spark, CuratedTables.REJECTED_FILES).collectAsList().stream()
            .map(r -> RecordRows.fromRow(RejectedFile.class, r).reason())
            .toList();
    return new Summary(rows, rejectedList);
  }
}
