package robustperf.analysis.scaling;

import static robustperf.analysis.scaling.PowerLaw.LN10;

import java.util.List;

/**
 * Thompson et al.'s alternative to the power law: log10(1/err) linear in compute itself, not its
 * log: log10(1/err) = a + b * C / C_ref with C_ref = 10^reference.
 *
 * @param reference log10 of the compute unit C_ref
 */
public record ExponentialLaw(double reference) implements ScalingLaw {
  @Override
  public String name() {
    return "exponential";
  }

  @Override
  public String formula() {
    return "log10(1/err) = a + b*C/C_ref, C_ref = 10^" + reference;
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
    return new double[] {20, 1e4};
  }

  @Override
  public List<double[]> starts(LawData data) {
    double[] line = LogLines.fit(data, reference, true);
    return List.of(new double[] {line[0], Math.max(0, line[1])}, new double[] {line[0], 0.01});
  }

  @Override
  public double logPrediction(double[] x, double[] p, double[] gradient) {
    double scaled = Math.pow(10, x[0] - reference);
    if (gradient != null) {
      gradient[0] = -LN10;
      gradient[1] = -LN10 * scaled;
    }
    return -LN10 * (p[0] + p[1] * scaled);
  }

  @Override
  public double asymptote(double[] p) {
    return p[1] > 0 ? 0 : Math.pow(10, -p[0]);
  }
}
