package robustperf.analysis.scaling;

import robustperf.analysis.trend.DoublingRates;

/**
 * Least-squares lines of log10(1/y) on a transformed feature: the data-informed starts of the
 * multi-start grids. Starts only need to be near; a degenerate sample gets slope 0.
 */
final class LogLines {
  private LogLines() {}

  /**
   * @param data one-variable data
   * @param reference the law's reference log10 compute
   * @param exponential regress on 10^u instead of u
   * @return {intercept, slope} of log10(1/y) on u (or 10^u)
   */
  static double[] fit(LawData data, double reference, boolean exponential) {
    int n = data.size();
    double[] t = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u = data.x()[i][0] - reference;
      t[i] = exponential ? Math.pow(10, u) : u;
      v[i] = -Math.log10(data.y()[i]);
    }
    double[] line = DoublingRates.line(t, v);
    return new double[] {line[0], line[1]};
  }
}
