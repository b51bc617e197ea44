package robustperf.analysis.report.figure;

/**
 * A straight fitted line y = intercept + slope * x drawn over [from, to].
 *
 * @param name legend name, e.g. "OLS" or "tau = 0.1"
 * @param intercept intercept
 * @param slope slope
 * @param from first x
 * @param to last x
 */
public record FitLine(String name, double intercept, double slope, double from, double to) {
  /** @return the line's y at x */
  public double at(double x) {
    return intercept + slope * x;
  }
}
