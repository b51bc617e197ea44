package robustperf.analysis.scaling;

import static robustperf.analysis.scaling.PowerLaw.LN10;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * err = E + A * C^-alpha, written E + 10^(a - alpha*u) with u = log10(C) - reference: a power law
 * that levels off at the irreducible error E.
 *
 * @param reference log10 compute the scale is written at
 */
public record SaturatingPowerLaw(double reference) implements ScalingLaw {
  @Override
  public String name() {
    return "saturating-power";
  }

  @Override
  public String formula() {
    return "err = E + 10^(a - alpha*u), u = log10(C) - " + reference;
  }

  @Override
  public List<String> parameters() {
    return List.of("E", "a", "alpha");
  }

  @Override
  public double[] lower() {
    return new double[] {0, -20, 0};
  }

  @Override
  public double[] upper() {
    return new double[] {Double.POSITIVE_INFINITY, 20, 10};
  }

  @Override
  public List<double[]> starts(LawData data) {
    double[] y = data.y().clone();
    Arrays.sort(y);
    double median = y[y.length / 2];
    List<double[]> starts = new ArrayList<>();
    for (double e : new double[] {0, 0.5 * y[0], 0.9 * y[0]}) {
      for (double alpha : new double[] {0.05, 0.2, 0.5, 1.0}) {
        starts.add(new double[] {e, Math.log10(median - e), alpha});
      }
    }
    return starts;
  }

  @Override
  public double logPrediction(double[] x, double[] p, double[] gradient) {
    double u = x[0] - reference;
    double term = Math.pow(10, p[1] - p[2] * u);
    double value = p[0] + term;
    if (gradient != null) {
      gradient[0] = 1 / value;
      gradient[1] = LN10 * term / value;
      gradient[2] = -LN10 * u * term / value;
    }
    return Math.log(value);
  }

  @Override
  public double asymptote(double[] p) {
    return p[2] > 0 ? p[0] : p[0] + Math.pow(10, p[1]);
  }
}
