package robustperf.analysis.scaling;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Jackknife+ prediction intervals (Barber, Candès, Ramdas and Tibshirani 2021, Ann. Statist.) for
 * a law: each point left out once, the law refitted without it (warm-started at the full fit), its
 * absolute ln residual at the left-out point kept with the refit. At new features x the interval
 * is [q_lo(ln y-hat_-i(x) - R_i), q_hi(ln y-hat_-i(x) + R_i)], which covers a new exchangeable point
 * with probability at least 1 - 2 alpha; it uses every point to fit and to calibrate, which a
 * split needs twice as many points for. Extrapolating beyond the fitted compute breaks
 * exchangeability: the coverage the grid measures on its held-out top is the honest figure.
 *
 * @param law the form
 * @param refits the n leave-one-out parameter vectors
 * @param residuals the n leave-one-out absolute ln residuals
 * @param alpha the interval's miscoverage per side, e.g. 0.05 for a nominal 90% interval
 */
public record JackknifePlus(ScalingLaw law, List<double[]> refits, double[] residuals, double alpha) {

  /**
   * @param fit the law fitted on all the points
   * @param fitter the fitter
   * @param data the fitted points
   * @param alpha miscoverage per side
   * @return the intervals' ingredients
   */
  public static JackknifePlus calibrate(LawFit fit, HuberLawFitter fitter, LawData data, double alpha) {
    int n = data.size();
    if (n < 3 || Math.ceil((1 - alpha) * (n + 1)) > n) {
      throw new IllegalArgumentException("jackknife+ at alpha " + alpha + " needs more than " + n + " points");
    }
    double[][] refits = new double[n][];
    double[] residuals = new double[n];
    for (int i = 0; i < n; i++) {
      int left = i;
      LawData rest = data.subset(IntStream.range(0, n).filter(j -> j != left).toArray());
      LawFit refit = fitter.fit(fit.law(), rest, List.of(fit.parameters().clone()));
      refits[i] = refit.parameters();
      residuals[i] = Math.abs(fit.law().logPrediction(data.x()[i], refits[i], null) - Math.log(data.y()[i]));
    }
    return new JackknifePlus(fit.law(), List.of(refits), residuals, alpha);
  }

  /** @return {low, high} of the response at features x */
  public double[] interval(double[] x) {
    int n = residuals.length;
    double[] lows = new double[n];
    double[] highs = new double[n];
    for (int i = 0; i < n; i++) {
      double prediction = law.logPrediction(x, refits.get(i), null);
      lows[i] = prediction - residuals[i];
      highs[i] = prediction + residuals[i];
    }
    Arrays.sort(lows);
    Arrays.sort(highs);
    // The floor(alpha (n+1))-th smallest and the ceil((1 - alpha)(n+1))-th smallest.
    int lowRank = Math.max(1, (int) Math.floor(alpha * (n + 1)));
    int highRank = (int) Math.ceil((1 - alpha) * (n + 1));
    return new double[] {Math.exp(lows[lowRank - 1]), Math.exp(highs[highRank - 1])};
  }
}
