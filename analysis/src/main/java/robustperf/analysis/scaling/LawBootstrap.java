package robustperf.analysis.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import robustperf.analysis.regression.Percentiles;

/**
 * Pairs bootstrap of a one-variable law's compute-to-target: resample the points, refit (from the
 * full fit's parameters, then the law's grid if that fails), invert at each target. A replicate
 * whose law never reaches a target counts as infinite compute, so when more than 2.5% never reach
 * it the interval has no upper end.
 *
 * @param replicates resamples
 * @param seed the resampling seed
 * @param fitter the fitter
 */
public record LawBootstrap(int replicates, long seed, HuberLawFitter fitter) {

  /**
   * @param target the error to reach
   * @param low 2.5th percentile of log10 compute, null when no replicate reached it
   * @param high 97.5th percentile, null when unbounded
   * @param reached replicates whose law reached the target
   * @param replicates replicates run
   */
  public record Interval(double target, Double low, Double high, int reached, int replicates) {}

  /**
   * @param full the law fitted on all points
   * @param data the points
   * @param targets errors to reach
   * @param fromLog10 where the inversion's search starts
   * @param toLog10 where it gives up
   * @return one interval per target, in order
   */
  public List<Interval> computeFor(LawFit full, LawData data, double[] targets, double fromLog10, double toLog10) {
    Random random = new Random(seed);
    int n = data.size();
    double[][] crossings = new double[targets.length][replicates];
    int[] indices = new int[n];
    for (int r = 0; r < replicates; r++) {
      for (int i = 0; i < n; i++) {
        indices[i] = random.nextInt(n);
      }
      LawData sample = data.subset(indices);
      LawFit fit;
      try {
        fit = fitter.fit(full.law(), sample, List.of(full.parameters()));
        if (!fit.converged()) {
          fit = fitter.fit(full.law(), sample);
        }
      } catch (IllegalArgumentException e) {
        fit = null;
      }
      for (int t = 0; t < targets.length; t++) {
        LawFit.Crossing c = fit == null ? null : fit.computeFor(targets[t], fromLog10, toLog10);
        crossings[t][r] = c == null || c.log10Compute() == null ? Double.POSITIVE_INFINITY : c.log10Compute();
      }
    }
    List<Interval> out = new ArrayList<>();
    for (int t = 0; t < targets.length; t++) {
      double[] sorted = crossings[t].clone();
      Arrays.sort(sorted);
      int reached = (int) Arrays.stream(sorted).filter(Double::isFinite).count();
      double low = Percentiles.withUnbounded(sorted, 0.025);
      double high = Percentiles.withUnbounded(sorted, 0.975);
      out.add(new Interval(targets[t], Double.isFinite(low) ? low : null, Double.isFinite(high) ? high : null, reached, replicates));
    }
    return out;
  }
}
