package robustperf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import robustperf.records.parquet.SchemaVersion;

/** Root command: lists the subcommands and prints usage when run bare. */
@Command(
    name = "robustperf",
    mixinStandardHelpOptions = true,
    versionProvider = RobustPerf.Version.class,
    description = "What adversarial robustness costs: measured, ingested, analysed.",
    subcommands = {
      PipelineCommand.class,
      IngestCommand.class,
      AnalyzeCommand.class,
      ReportCommand.class,
      NightlyCommand.class,
      CatalogsCommand.class,
      TrainCommand.class,
      BenchInferenceCommand.class,
      EvaluateCommand.class,
      ProfileLayersCommand.class,
      CountFlopsCommand.class,
      ComputeReportCommand.class
    })
public final class RobustPerf implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** @return the command line with RobustPerf's exit-code mapping installed */
  public static CommandLine commandLine() {
    return new CommandLine(new RobustPerf()).setExecutionExceptionHandler(new ExitCodes());
  }

  /** The version line, with the metric-record schema this build writes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"robustperf 0.1.0 (metric-record schema " + SchemaVersion.CURRENT + ")"};
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
