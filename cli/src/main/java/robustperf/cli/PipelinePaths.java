package robustperf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The input and output locations every pipeline subcommand shares. */
public final class PipelinePaths {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory with robustbench/model_info (default: the embedded data/).")
  Path data;

  @Option(
      names = "--runs",
      paramLabel = "DIR|URI",
      description = "Metric-record runs directory, local or Hadoop URI (default: <data>/runs).")
  String runs;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory for tables and index.html (default: ${DEFAULT-VALUE}).",
      defaultValue = "out")
  Path out;

  /** @return the data directory: --data, else the launcher's robustperf.home/data, else ./data */
  Path data() {
    return data != null ? data : embeddedData();
  }

  /** @return the embedded data directory: the launcher's robustperf.home/data, else ./data */
  static Path embeddedData() {
    String home = System.getProperty("robustperf.home");
    return home == null ? Path.of("data") : Path.of(home, "data");
  }

  /** @return the runs directory or URI */
  String runs() {
    return runs != null ? runs : data().resolve("runs").toString();
  }

  /** @return the output directory */
  Path out() {
    return out;
  }

  /**
   * @param otherOut another output directory
   * @return these inputs with that output
   */
  PipelinePaths withOut(Path otherOut) {
    PipelinePaths copy = new PipelinePaths();
    copy.data = data;
    copy.runs = runs;
    copy.out = otherOut;
    return copy;
  }
}
