package robustperf.analysis.regression;

import java.io.Serializable;
import java.util.List;

/**
 * A linear quantile-regression fit with an intercept.
 *
 * @param tau the quantile, in (0, 1)
 * @param terms "intercept" then the predictors
 * @param estimates one coefficient per term
 * @param ciLow lower ends of the bootstrap 95% percentile intervals, or empty when none was run
 * @param ciHigh upper ends of those intervals, or empty
 * @param bootstrapReplicates replicates behind the intervals, 0 when none were asked for or too
 *     many resamples were degenerate
 * @param n observations
 * @param objective the check-loss sum at the estimates
 * @param method "exact-lp" (Frisch-Newton interior point, then the optimal vertex) or "mm-irls"
 * @param converged whether the method met its tolerance
 * @param bootstrapSeed the seed the bootstrap drew its resamples with, null when none was run
 */
public record QuantileFit(
    double tau,
    List<String> terms,
    List<Double> estimates,
    List<Double> ciLow,
    List<Double> ciHigh,
    int bootstrapReplicates,
    long n,
    double objective,
    String method,
    boolean converged,
    Long bootstrapSeed)
    implements Serializable {

  public QuantileFit {
    terms = List.copyOf(terms);
    estimates = List.copyOf(estimates);
    ciLow = List.copyOf(ciLow);
    ciHigh = List.copyOf(ciHigh);
  }

  /**
   * @param term a term
   * @return its coefficient
   */
  public double estimate(String term) {
    int i = terms.indexOf(term);
    if (i < 0) {
      throw new IllegalArgumentException("no term '" + term + "' in the fit");
    }
    return estimates.get(i);
  }
}
