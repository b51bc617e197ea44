package robustperf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import robustperf.analysis.report.IndexPage;
import robustperf.analysis.report.ReportPage;
import robustperf.ingest.session.SparkSessions;

/** {@code robustperf report}: index.html and the self-contained report.html from the tables. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write index.html and report.html (figures embedded; PNG and SVG in figures/) from the tables in --out.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.create("robustperf report");
    try {
      return pages(spark, paths, spec);
    } finally {
      spark.stop();
    }
  }

  /** Writes both pages; shared with analyze and pipeline. */
  static int pages(SparkSession spark, PipelinePaths paths, CommandSpec spec) {
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + IndexPage.write(spark, paths.out()));
    out.println("wrote " + new ReportPage(new ReportPage.Options(paths.out(), paths.data())).write(spark));
    return ExitCodes.OK;
  }
}
