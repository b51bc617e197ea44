package robustperf.analysis.scaling;

import java.util.List;

/**
 * A law fitted to data.
 *
 * @param law the form
 * @param parameters the best parameters over all starts
 * @param objective the minimized mean Huber loss of log residuals, divided by delta
 * @param converged whether the best start's L-BFGS met a tolerance
 * @param stopReason why the best start stopped
 * @param startsTried starting points tried
 * @param startsConverged of those, how many converged
 * @param n points fitted
 */
public record LawFit(
    ScalingLaw law, double[] parameters, double objective, boolean converged, String stopReason,
    int startsTried, int startsConverged, int n) {

  /**
   * @param x a point's features
   * @return the predicted response
   */
  public double predict(double[] x) {
    return Math.exp(law.logPrediction(x, parameters, null));
  }

  /** @return the prediction of a one-variable law at log10 compute */
  public double predictAt(double log10Compute) {
    return predict(new double[] {log10Compute});
  }

  /**
   * The log10 compute at which a one-variable law's prediction first falls to the target,
   * searched upward from {@code fromLog10} to {@code toLog10}.
   *
   * @param target the response to reach (an error rate)
   * @param fromLog10 where the search starts
   * @param toLog10 where it gives up
   * @return the crossing, or the reason there is none
   */
  public Crossing computeFor(double target, double fromLog10, double toLog10) {
    double step = 0.05;
    double previous = fromLog10;
    if (predictAt(fromLog10) <= target) {
      return new Crossing(null, "already at or below the target at 10^" + fromLog10 + ", the search's start");
    }
    for (double u = fromLog10 + step; u <= toLog10 + 1e-9; u += step) {
      double value = predictAt(u);
      if (value <= target) {
        double lo = previous;
        double hi = u;
        for (int i = 0; i < 80; i++) {
          double mid = 0.5 * (lo + hi);
          if (predictAt(mid) <= target) {
            hi = mid;
          } else {
            lo = mid;
          }
        }
        return new Crossing(hi, null);
      }
      previous = u;
    }
    double limit = law.asymptote(parameters);
    String why = Double.isFinite(limit) && limit > target
        ? String.format(java.util.Locale.ROOT, "the law levels off at %.4g, above the target", limit)
        : String.format(java.util.Locale.ROOT, "not reached below 10^%.0f", toLog10);
    return new Crossing(null, why);
  }

  /** @return parameter names and values, "name=value" joined by ", " */
  public String parameterText() {
    List<String> names = law.parameters();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(names.get(i)).append('=')
          .append(String.format(java.util.Locale.ROOT, "%.6g", parameters[i]));
    }
    return s.toString();
  }

  /**
   * @param log10Compute where the law reaches the target, or null
   * @param reason why it does not, when null
   */
  public record Crossing(Double log10Compute, String reason) {}
}
