package robustperf.analysis.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * L = E + A / N^alpha + B / D^beta in the parameters N and the examples seen D (Hoffmann et al.;
 * the form Bartoldson et al. 2024 fitted for robust CIFAR-10). Features are log10 N and log10 D.
 */
public record TwoVariableLaw() implements ScalingLaw {
  @Override
  public String name() {
    return "two-variable";
  }

  @Override
  public String formula() {
    return "L = E + A/N^alpha + B/D^beta";
  }

  @Override
  public List<String> parameters() {
    return List.of("E", "A", "B", "alpha", "beta");
  }

  @Override
  public double[] lower() {
    return new double[] {0, 0, 0, 0, 0};
  }

  @Override
  public double[] upper() {
    return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 3, 3};
  }

  @Override
  public List<double[]> starts(LawData data) {
    List<double[]> starts = new ArrayList<>();
    for (double e : new double[] {0.25, 0.5, 1}) {
      for (double a : new double[] {1, 10, 100}) {
        for (double b : new double[] {1, 10, 100}) {
          for (double alpha : new double[] {0.1, 0.3, 0.5}) {
            for (double beta : new double[] {0.1, 0.3, 0.5}) {
              starts.add(new double[] {e, a, b, alpha, beta});
            }
          }
        }
      }
    }
    return starts;
  }

  @Override
  public double logPrediction(double[] x, double[] p, double[] gradient) {
    double lnN = x[0] * PowerLaw.LN10;
    double lnD = x[1] * PowerLaw.LN10;
    double termN = p[1] * Math.exp(-p[3] * lnN);
    double termD = p[2] * Math.exp(-p[4] * lnD);
    double value = p[0] + termN + termD;
    if (gradient != null) {
      gradient[0] = 1 / value;
      gradient[1] = Math.exp(-p[3] * lnN) / value;
      gradient[2] = Math.exp(-p[4] * lnD) / value;
      gradient[3] = -termN * lnN / value;
      gradient[4] = -termD * lnD / value;
    }
    return Math.log(value);
  }

  @Override
  public double asymptote(double[] p) {
    return p[0];
  }
}
