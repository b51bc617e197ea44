package robustperf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import robustperf.analysis.AnalyzeJob;
import robustperf.analysis.report.IndexPage;
import robustperf.ingest.session.SparkSessions;

/** {@code robustperf analyze}: the analyses over the curated tables, and the index page. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Run the analyses over the curated tables in --out and write index.html.")
public final class AnalyzeCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.create("robustperf analyze");
    try {
      return analyze(spark, paths.out(), spec);
    } finally {
      spark.stop();
    }
  }

  /** Runs the analyses and writes the index; shared with the pipeline command. */
  static int analyze(SparkSession spark, Path outDir, CommandSpec spec) {
    PrintWriter out = spec.commandLine().getOut();
    new AnalyzeJob(new AnalyzeJob.Options(outDir))
        .run(spark)
        .forEach((table, rows) -> out.printf("%-28s %8d rows%n", table, rows));
    out.println("wrote " + IndexPage.write(spark, outDir));
    return ExitCodes.OK;
  }
}
