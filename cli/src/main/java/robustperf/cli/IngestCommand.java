package robustperf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.ingest.InputLayout;
import robustperf.ingest.IngestJob;
import robustperf.ingest.session.SparkSessions;

/** {@code robustperf ingest}: RobustBench metadata and metric records into the curated tables. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Read RobustBench metadata and metric-record files into curated tables.")
public final class IngestCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Option(names = "--strict", description = "Exit with 3 when any input file was rejected.")
  boolean strict;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.create("robustperf ingest");
    try {
      return ingest(spark, paths, strict, spec);
    } finally {
      spark.stop();
    }
  }

  /** Runs the ingest and reports it; shared with the pipeline command. */
  static int ingest(SparkSession spark, PipelinePaths paths, boolean strict, CommandSpec spec) {
    return ingest(spark, paths, strict, spec, InputLayout.DEFAULT, false);
  }

  /** As {@link #ingest(SparkSession, PipelinePaths, boolean, CommandSpec)}, with the input files in the given layout. */
  static int ingest(SparkSession spark, PipelinePaths paths, boolean strict, CommandSpec spec, InputLayout layout, boolean timings) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IngestJob.Summary summary =
        new IngestJob(new IngestJob.Options(paths.data(), paths.runs(), paths.out(), layout, TableLines.printer(out, timings))).run(spark);
    for (String reason : summary.rejected()) {
      err.println("rejected: " + reason);
    }
    if (!summary.rejected().isEmpty()) {
      err.printf(
          "%d input file(s) rejected; the good data was kept. See %s%n",
          summary.rejected().size(), paths.out().resolve("tables/rejected_files.csv"));
    }
    return strict && !summary.rejected().isEmpty() ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
  }
}
