package robustperf.analysis.scaling;

import static robustperf.analysis.scaling.PowerLaw.LN10;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Estimator M4 of Alabdulmohsin et al. (NeurIPS 2022): (err - E_inf) / (E_0 - err)^alpha =
 * 10^(a + c*u), u = log10(C) - reference, c <= 0. E_0 is the error at no learning (chance, 1 - 1/k
 * for k classes), fixed; the prediction is the root in (E_inf, E_0), found by safeguarded Newton,
 * and its gradient follows from the implicit function theorem.
 *
 * @param reference log10 compute the scale is written at
 * @param chanceError E_0
 */
public record M4Law(double reference, double chanceError) implements ScalingLaw {
  public M4Law {
    if (!(chanceError > 0 && chanceError <= 1)) {
      throw new IllegalArgumentException("chance error must be in (0, 1], got " + chanceError);
    }
  }

  @Override
  public String name() {
    return "m4";
  }

  @Override
  public String formula() {
    return "(err - E_inf)/(" + chanceError + " - err)^alpha = 10^(a + c*u), u = log10(C) - " + reference;
  }

  @Override
  public List<String> parameters() {
    return List.of("E_inf", "a", "c", "alpha");
  }

  @Override
  public double[] lower() {
    return new double[] {0, -20, -10, 0};
  }

  @Override
  public double[] upper() {
    return new double[] {chanceError * (1 - 1e-9), 20, 0, 10};
  }

  @Override
  public List<double[]> starts(LawData data) {
    double[] y = data.y().clone();
    Arrays.sort(y);
    double median = y[y.length / 2];
    List<double[]> starts = new ArrayList<>();
    if (!(median < chanceError)) {
      return starts;
    }
    for (double e : new double[] {0, 0.5 * y[0]}) {
      for (double alpha : new double[] {0.25, 1, 2}) {
        for (double c : new double[] {-0.2, -1}) {
          starts.add(new double[] {e, Math.log10((median - e) / Math.pow(chanceError - median, alpha)), c, alpha});
        }
      }
    }
    return starts;
  }

  @Override
  public double logPrediction(double[] x, double[] p, double[] gradient) {
    double eInf = p[0];
    double alpha = p[3];
    double u = x[0] - reference;
    double logRhs = LN10 * (p[1] + p[2] * u);
    double err = solve(eInf, alpha, logRhs);
    if (!(err > eInf && err < chanceError)) {
      return Double.NaN;
    }
    if (gradient != null) {
      double dgdErr = 1 / (err - eInf) + alpha / (chanceError - err);
      double[] dgdp = {-1 / (err - eInf), -LN10, -LN10 * u, -Math.log(chanceError - err)};
      for (int k = 0; k < 4; k++) {
        gradient[k] = -dgdp[k] / dgdErr / err;
      }
    }
    return Math.log(err);
  }

  /** The root of g(e) = ln(e - eInf) - alpha ln(E_0 - e) - logRhs, increasing on (eInf, E_0). */
  private double solve(double eInf, double alpha, double logRhs) {
    if (alpha == 0) {
      return eInf + Math.exp(logRhs);
    }
    double lo = eInf;
    double hi = chanceError;
    double e = eInf + Math.min(Math.exp(logRhs), 0.5 * (hi - lo));
    for (int i = 0; i < 200; i++) {
      double g = Math.log(e - eInf) - alpha * Math.log(chanceError - e) - logRhs;
      if (g > 0) {
        hi = e;
      } else {
        lo = e;
      }
      double next = e - g / (1 / (e - eInf) + alpha / (chanceError - e));
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - e) <= 1e-15 * Math.max(1e-300, Math.abs(e)) || hi - lo <= Math.ulp(e)) {
        return next;
      }
      e = next;
    }
    return e;
  }

  @Override
  public double asymptote(double[] p) {
    return p[2] < 0 ? p[0] : Double.NaN;
  }
}
