package robustperf.analysis.scaling;

import java.util.Arrays;
import java.util.Random;

/**
 * Split-conformal intervals for a law's predictions: the law is fitted on a random part of the
 * points, the absolute log residuals of the rest calibrate the band, and a new point's interval is
 * y-hat * exp(+-q) with q the ceil((m + 1)(1 - alpha))-th smallest of the m calibration scores.
 * Coverage is at least 1 - alpha for points exchangeable with the data; beyond the data's compute
 * range it holds only as far as the law does.
 *
 * @param fit the law fitted on the proper training part
 * @param logHalfWidth q, on the ln scale
 * @param alpha the miscoverage level
 * @param calibrationSize m
 */
public record SplitConformal(LawFit fit, double logHalfWidth, double alpha, int calibrationSize) {

  /**
   * @param law the form
   * @param fitter the fitter
   * @param data the points
   * @param calibrationFraction the share held out to calibrate
   * @param alpha miscoverage, e.g. 0.1 for 90% intervals
   * @param seed the split's seed
   * @return the calibrated band
   */
  public static SplitConformal calibrate(ScalingLaw law, HuberLawFitter fitter, LawData data, double calibrationFraction, double alpha, long seed) {
    int n = data.size();
    int m = (int) Math.round(calibrationFraction * n);
    int rank = (int) Math.ceil((m + 1) * (1 - alpha));
    if (m < 1 || n - m < law.parameters().size() + 1 || rank > m) {
      throw new IllegalArgumentException("split conformal at alpha " + alpha + " needs more points: " + n + " points, "
          + m + " to calibrate (rank " + rank + ")");
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    LawData proper = data.subset(Arrays.copyOfRange(perm, m, n));
    LawData calibration = data.subset(Arrays.copyOfRange(perm, 0, m));
    LawFit fit = fitter.fit(law, proper);
    double[] scores = new double[m];
    for (int i = 0; i < m; i++) {
      scores[i] = Math.abs(law.logPrediction(calibration.x()[i], fit.parameters(), null) - Math.log(calibration.y()[i]));
    }
    Arrays.sort(scores);
    return new SplitConformal(fit, scores[rank - 1], alpha, m);
  }

  /** @return {low, high} of the interval at features x */
  public double[] interval(double[] x) {
    double prediction = fit.predict(x);
    return new double[] {prediction * Math.exp(-logHalfWidth), prediction * Math.exp(logHalfWidth)};
  }
}
