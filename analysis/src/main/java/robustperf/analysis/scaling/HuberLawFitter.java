package robustperf.analysis.scaling;

import java.util.List;

/**
 * Fits a law by minimizing the Huber loss of log residuals, ln(y-hat) - ln(y), with bounded
 * L-BFGS from every start of the law's grid, keeping the best (the method of Hoffmann et al. and
 * Bartoldson et al., delta = 1e-3). Starts where the law is undefined are skipped.
 *
 * @param delta the Huber threshold on log residuals
 * @param options the optimizer's tolerances
 */
public record HuberLawFitter(double delta, BoundedLbfgs.Options options) {
  public HuberLawFitter {
    if (!(delta > 0)) {
      throw new IllegalArgumentException("Huber delta must be > 0, got " + delta);
    }
  }

  /** @return delta 1e-3 and the default tolerances */
  public static HuberLawFitter defaults() {
    return new HuberLawFitter(1e-3, BoundedLbfgs.Options.defaults());
  }

  /**
   * @param law the form
   * @param data the points
   * @return the best fit over the law's starts
   * @throws IllegalArgumentException when no start gives a finite objective
   */
  public LawFit fit(ScalingLaw law, LawData data) {
    return fit(law, data, law.starts(data));
  }

  /**
   * @param law the form
   * @param data the points
   * @param starts the starting points to try
   * @return the best fit
   */
  public LawFit fit(ScalingLaw law, LawData data, List<double[]> starts) {
    BoundedLbfgs.Objective f = (p, gradient) -> objective(law, data, p, gradient);
    BoundedLbfgs.Minimum best = null;
    int tried = 0;
    int converged = 0;
    for (double[] start : starts) {
      double[] g = new double[start.length];
      if (!Double.isFinite(f.value(BoundedLbfgs.project(start, law.lower(), law.upper()), g))) {
        continue;
      }
      tried++;
      BoundedLbfgs.Minimum m = BoundedLbfgs.minimize(f, start, law.lower(), law.upper(), options);
      if (m.converged()) {
        converged++;
      }
      if (Double.isFinite(m.value()) && (best == null || m.value() < best.value())) {
        best = m;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("law " + law.name() + ": no start gives a finite objective on " + data.size() + " points");
    }
    return new LawFit(law, best.x(), best.value(), best.converged(), best.reason(), tried, converged, data.size());
  }

  /** Mean Huber loss of the log residuals over delta (about the mean |residual| when residuals exceed delta). */
  double objective(ScalingLaw law, LawData data, double[] p, double[] gradient) {
    int k = p.length;
    double[] g = new double[k];
    java.util.Arrays.fill(gradient, 0);
    double sum = 0;
    int n = data.size();
    for (int i = 0; i < n; i++) {
      double logPrediction = law.logPrediction(data.x()[i], p, g);
      if (!Double.isFinite(logPrediction)) {
        return Double.POSITIVE_INFINITY;
      }
      double r = logPrediction - Math.log(data.y()[i]);
      double slope;
      if (Math.abs(r) <= delta) {
        sum += 0.5 * r * r;
        slope = r;
      } else {
        sum += delta * (Math.abs(r) - 0.5 * delta);
        slope = delta * Math.signum(r);
      }
      for (int j = 0; j < k; j++) {
        gradient[j] += slope * g[j];
      }
    }
    double scale = 1.0 / (n * delta);
    for (int j = 0; j < k; j++) {
      gradient[j] *= scale;
    }
    return sum * scale;
  }
}
