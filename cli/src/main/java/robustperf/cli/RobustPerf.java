package robustperf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Root command: lists the subcommands and prints usage when run bare. */
@Command(
    name = "robustperf",
    mixinStandardHelpOptions = true,
    version = "robustperf 0.1.0 (metric-record schema 1.1)",
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
      EvaluateCommand.class
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

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
