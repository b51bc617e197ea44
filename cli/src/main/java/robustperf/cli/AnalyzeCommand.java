package robustperf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import robustperf.analysis.AnalyzeJob;
import robustperf.ingest.session.SparkSessions;

/** {@code robustperf analyze}: the analyses over the curated tables, and the index page. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Run the analyses over the curated tables in --out; write index.html and report.html.")
public final class AnalyzeCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.create("robustperf analyze");
    try {
      return analyze(spark, paths, spec);
    } finally {
      spark.stop();
    }
  }

  /** Runs the analyses and writes the index; shared with the pipeline command. */
  static int analyze(SparkSession spark, PipelinePaths paths, CommandSpec spec) {
    return analyze(spark, paths, spec, false, true);
  }

  /**
   * As {@link #analyze(SparkSession, PipelinePaths, CommandSpec)}, each table's wall time printed
   * beside it with timings, the pages written or not.
   */
  static int analyze(SparkSession spark, PipelinePaths paths, CommandSpec spec, boolean timings, boolean pages) {
    PrintWriter out = spec.commandLine().getOut();
    new AnalyzeJob(new AnalyzeJob.Options(paths.out(), paths.data().resolve("catalogs"), TableLines.printer(out, timings))).run(spark);
    if (!pages) {
      return ExitCodes.OK;
    }
    long start = System.nanoTime();
    int status = ReportCommand.pages(spark, paths, spec);
    if (timings) {
      out.printf(java.util.Locale.ROOT, "%-44s %8.1f s%n", "report.html and index.html", (System.nanoTime() - start) / 1e9);
    }
    return status;
  }
}
