package robustperf.train.grid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A grid run in a child JVM ({@link GridRunner#main}), as a batch job would: a process to kill or to run beside another. */
final class GridChild {
  private GridChild() {}

  /**
   * @param spec the grid YAML
   * @param runs the runs directory
   * @param log where the child's output goes
   * @param shard "i/n", or null for the whole grid
   * @return the started process
   */
  static Process start(Path spec, Path runs, Path log, String shard) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), GridRunner.class.getName(), spec.toString(), runs.toString()));
    if (shard != null) {
      command.add(shard);
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
