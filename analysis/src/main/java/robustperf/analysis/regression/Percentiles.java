package robustperf.analysis.regression;

/** Percentiles of bootstrap replicates (linear interpolation between order statistics). */
public final class Percentiles {
  private Percentiles() {}

  /**
   * @param sorted values in ascending order, at least one
   * @param q the quantile in [0, 1]
   * @return the interpolated q-quantile
   */
  public static double of(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * {@link #of} for replicates where some are +infinity (a target never reached): the percentile
   * is infinite as soon as it touches them.
   *
   * @param sorted values in ascending order, +infinity last
   * @param q the quantile in [0, 1]
   * @return the interpolated q-quantile, possibly +infinity
   */
  public static double withUnbounded(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    if (pos == lo) {
      return sorted[lo];
    }
    return Double.isInfinite(sorted[hi]) ? Double.POSITIVE_INFINITY : of(sorted, q);
  }
}
