package robustperf.records;

import java.util.Arrays;
import java.util.List;

/**
 * Repeats of one measurement summarized by the MLPerf Training timing rule: drop the fastest and
 * the slowest, average the rest. With fewer than three repeats nothing can be dropped, the mean is
 * of all of them, and {@link #rule} says so.
 *
 * @param n repeats
 * @param mean the MLPerf mean (or the plain mean when n < 3)
 * @param min smallest repeat
 * @param max largest repeat
 * @param rule "mlperf-drop-min-max" or "mean-of-all-n<3"
 */
public record RepeatSummary(int n, double mean, double min, double max, String rule) {

  /**
   * @param values the repeats, finite
   * @return the summary
   * @throws IllegalArgumentException when empty or not finite
   */
  public static RepeatSummary of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no repeats to summarize");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    for (double v : sorted) {
      MissingValues.finite("repeat", v);
    }
    int n = sorted.length;
    double[] kept = n >= 3 ? Arrays.copyOfRange(sorted, 1, n - 1) : sorted;
    return new RepeatSummary(
        n, Arrays.stream(kept).average().orElseThrow(), sorted[0], sorted[n - 1],
        n >= 3 ? "mlperf-drop-min-max" : "mean-of-all-n<3");
  }
}
