package robustperf.train.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import robustperf.records.Checkpoint;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.parquet.RecordFiles;

/** A finished run's totals, read back from its records (the records are the truth, not memory). */
final class RunTotals {
  private RunTotals() {}

  /**
   * @param dir a finished run's directory
   * @return {training seconds, last clean %, last robust %}
   */
  static double[] read(Path dir) throws IOException {
    double seconds = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path epoch : files.filter(f -> f.getFileName().toString().startsWith("epoch-")).toList()) {
        for (Object row : RecordFiles.read(epoch).rows()) {
          seconds += ((EpochMetrics) row).wallSeconds();
        }
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      Path last =
          files.filter(f -> f.getFileName().toString().startsWith("eval-" + Checkpoint.last + "-")).findFirst().orElseThrow();
      EvaluationResult result = (EvaluationResult) RecordFiles.read(last).rows().get(0);
      return new double[] {seconds, result.cleanAccuracyPct(), result.robustAccuracyPct()};
    }
  }
}
