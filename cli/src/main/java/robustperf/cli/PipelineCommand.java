package robustperf.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.ingest.session.SparkSessions;

/** {@code robustperf pipeline}: ingest then analyze, in one Spark session. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Ingest RobustBench and metric records, run the analyses, write tables and index.html.")
public final class PipelineCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Option(names = "--strict", description = "Exit with 3 when any input file was rejected.")
  boolean strict;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.create("robustperf pipeline");
    try {
      int ingested = IngestCommand.ingest(spark, paths, strict, spec);
      int analysed = AnalyzeCommand.analyze(spark, paths, spec);
      spec.commandLine().getOut().printf("pipeline finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return ingested != ExitCodes.OK ? ingested : analysed;
    } finally {
      spark.stop();
    }
  }
}
