package robustperf.train.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import robustperf.records.Hardware;

/** What this machine is, read from /proc and the JVM, for run manifests. */
public final class MachineInfo {
  private MachineInfo() {}

  /**
   * Describes the host for a CPU-only run; GPU runs fill in the GPU from the engine.
   *
   * @return the hardware record
   */
  public static Hardware cpuOnly() {
    long bytes =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return new Hardware(
        null, 0, cpuModel(Path.of("/proc/cpuinfo")).orElse(System.getProperty("os.arch") + " (model unreadable)"),
        Runtime.getRuntime().availableProcessors(), bytes / (1024.0 * 1024 * 1024));
  }

  /**
   * Reads the first "model name" line of a cpuinfo file.
   *
   * @param cpuinfo usually /proc/cpuinfo
   * @return the model, or empty when the file or line is absent
   */
  static Optional<String> cpuModel(Path cpuinfo) {
    try {
      return Files.readAllLines(cpuinfo).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
