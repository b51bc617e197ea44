package robustperf.analysis.scaling;

import java.util.List;

/**
 * Thompson et al.'s log-linear form, log10(1/err) = a + b*u with u = log10(C) - reference: the
 * power law err = 10^-a * (C / 10^reference)^-b. (The "power law" and "log-linear" forms
 * are this one function.)
 *
 * @param reference log10 compute the intercept is written at
 */
public record PowerLaw(double reference) implements ScalingLaw {
  static final double LN10 = Math.log(10);

  @Override
  public String name() {
    return "power";
  }

  @Override
  public String formula() {
    return "log10(1/err) = a + b*u, u = log10(C) - " + reference;
  }

  @Override
  public List<String> parameters() {
    return List.of("a", "b");
  }

  @Override
  public double[] lower() {
    return new double[] {-20, 0};
  }

  @Override
  public double[] upper() {
    return new double[] {20, 10};
  }

  @Override
  public List<double[]> starts(LawData data) {
    double[] line = LogLines.fit(data, this.reference, false);
    return List.of(new double[] {line[0], Math.max(0, line[1])}, new double[] {line[0], 0.1});
  }

  @Override
  public double logPrediction(double[] x, double[] p, double[] gradient) {
    double u = x[0] - reference;
    if (gradient != null) {
      gradient[0] = -LN10;
      gradient[1] = -LN10 * u;
    }
    return -LN10 * (p[0] + p[1] * u);
  }

  @Override
  public double asymptote(double[] p) {
    return p[1] > 0 ? 0 : Math.pow(10, -p[0]);
  }
}
