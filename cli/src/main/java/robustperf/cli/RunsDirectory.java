package robustperf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The runs directory of the commands that train, evaluate or measure runs. */
final class RunsDirectory {
  @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Runs directory (default: ${DEFAULT-VALUE}).")
  Path runs;

  /** @return the runs directory */
  Path path() {
    return runs;
  }
}
