package robustperf.analysis.scaling;

import java.util.Arrays;

/**
 * Observations for a law: features per point (log10 compute for one-variable laws; log10 N and
 * log10 D for the two-variable law) and the positive response (an error rate or a loss).
 *
 * @param x features, one row per point
 * @param y responses, each finite and > 0
 */
public record LawData(double[][] x, double[] y) {
  public LawData {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " feature rows but " + y.length + " responses");
    }
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] > 0) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + i + ": the response must be finite and > 0, got " + y[i]);
      }
      for (double v : x[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("point " + i + ": features must be finite, got " + Arrays.toString(x[i]));
        }
      }
    }
  }

  /**
   * @param log10Compute log10 of compute per point
   * @param y responses
   * @return one-variable data
   */
  public static LawData ofCompute(double[] log10Compute, double[] y) {
    double[][] x = new double[log10Compute.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {log10Compute[i]};
    }
    return new LawData(x, y);
  }

  /** @return the number of points */
  public int size() {
    return y.length;
  }

  /** @return the points at the given indices, in that order (repeats allowed: bootstrap) */
  public LawData subset(int[] indices) {
    double[][] sx = new double[indices.length][];
    double[] sy = new double[indices.length];
    for (int k = 0; k < indices.length; k++) {
      sx[k] = x[indices[k]];
      sy[k] = y[indices[k]];
    }
    return new LawData(sx, sy);
  }

  /** @return feature column j */
  public double[] column(int j) {
    return Arrays.stream(x).mapToDouble(r -> r[j]).toArray();
  }

  /** @return the median of feature 0, the reference point one-variable laws are written around */
  public double medianFeature() {
    double[] c = column(0);
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
