package robustperf.analysis.scaling;

import static robustperf.analysis.scaling.PowerLaw.LN10;

import java.util.List;

/**
 * A polynomial of degree 2 in log compute: log10(1/err) = a + b*u + c*u^2, u = log10(C) - reference.
 * c below 0 bends the power law towards diminishing returns.
 *
 * @param reference log10 compute the polynomial is centred at
 */
public record LogQuadraticLaw(double reference) implements ScalingLaw {
  @Override
  public String name() {
    return "log-quadratic";
  }

  @Override
  public String formula() {
    return "log10(1/err) = a + b*u + c*u^2, u = log10(C) - " + reference;
  }

  @Override
  public List<String> parameters() {
    return List.of("a", "b", "c");
  }

  @Override
  public double[] lower() {
    return new double[] {-20, -10, -10};
  }

  @Override
  public double[] upper() {
    return new double[] {20, 10, 10};
  }

  @Override
  public List<double[]> starts(LawData data) {
    double[] line = LogLines.fit(data, reference, false);
    return List.of(
        new double[] {line[0], line[1], 0}, new double[] {line[0], line[1], -0.05}, new double[] {line[0], line[1], 0.05});
  }

  @Override
  public double logPrediction(double[] x, double[] p, double[] gradient) {
    double u = x[0] - reference;
    if (gradient != null) {
      gradient[0] = -LN10;
      gradient[1] = -LN10 * u;
      gradient[2] = -LN10 * u * u;
    }
    return -LN10 * (p[0] + p[1] * u + p[2] * u * u);
  }

  @Override
  public double asymptote(double[] p) {
    // The error eventually falls to 0 when c > 0, rises back without bound when c < 0.
    return p[2] > 0 || (p[2] == 0 && p[1] > 0) ? 0 : Double.POSITIVE_INFINITY;
  }
}
