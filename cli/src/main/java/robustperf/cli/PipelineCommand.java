package robustperf.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.ingest.InputLayout;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.session.SparkSessions;

/** {@code robustperf pipeline}: ingest then analyze, in one Spark session. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Ingest RobustBench and metric records, run the analyses, write tables and index.html.")
public final class PipelineCommand implements Callable<Integer> {
  /** The second layout of --verify-determinism: files reversed, odd partition counts. */
  static final InputLayout CHECK_LAYOUT = new InputLayout(true, 3);

  /** Shuffle partitions of the second run (the session's default is 8). */
  static final String CHECK_SHUFFLE_PARTITIONS = "5";

  @Mixin PipelinePaths paths;

  @Option(names = "--strict", description = "Exit with 3 when any input file was rejected.")
  boolean strict;

  @Option(names = "--timings", description = "Print each table's wall time (its computation included) and the session's start-up.")
  boolean timings;

  @Option(names = "--verify-determinism",
      description = "Then run the ingest and the analyses again into <out>/determinism-check with the input files in reverse"
          + " order, read in 3 partitions and shuffled into 5, and compare every table's CSV byte for byte; exit 5 naming the"
          + " tables that differ.")
  boolean verifyDeterminism;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.create("robustperf pipeline");
    if (timings) {
      out.printf(java.util.Locale.ROOT, "%-44s %8.1f s%n", "Spark session start", (System.nanoTime() - start) / 1e9);
    }
    try {
      int ingested = IngestCommand.ingest(spark, paths, strict, spec, InputLayout.DEFAULT, timings);
      int analysed = AnalyzeCommand.analyze(spark, paths, spec, timings, true);
      out.printf("pipeline finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
      int status = ingested != ExitCodes.OK ? ingested : analysed;
      if (verifyDeterminism && status == ExitCodes.OK) {
        status = verify(spark);
      }
      return status;
    } finally {
      spark.stop();
    }
  }

  /** The same inputs in another order and partitioning: every table must come out byte-identical. */
  private int verify(SparkSession spark) {
    PrintWriter out = spec.commandLine().getOut();
    PipelinePaths second = paths.withOut(paths.out().resolve("determinism-check"));
    String shuffle = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", CHECK_SHUFFLE_PARTITIONS);
    try {
      IngestCommand.ingest(spark, second, false, spec, CHECK_LAYOUT, false);
      AnalyzeCommand.analyze(spark, second, spec, false, false); // the tables are compared, not the pages
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", shuffle);
    }
    List<String> differences = CuratedTables.under(paths.out()).differencesFrom(CuratedTables.under(second.out()));
    if (differences.isEmpty()) {
      out.println("determinism: every table identical with the inputs reversed and repartitioned (" + second.out() + ")");
      return ExitCodes.OK;
    }
    differences.forEach(d -> spec.commandLine().getErr().println("determinism: " + d));
    return ExitCodes.NOT_DETERMINISTIC;
  }
}
