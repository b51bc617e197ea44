package robustperf.records.cost;

/**
 * A figure known between two bounds (equal when exact).
 *
 * @param low lower bound
 * @param high upper bound
 */
public record Range(double low, double high) {
  public Range {
    if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("range needs finite low <= high, got " + low + ", " + high);
    }
  }

  /** @return the range times a factor >= 0 */
  public Range times(double factor) {
    return new Range(low * factor, high * factor);
  }
}
