package robustperf.analysis.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalingLawTest {
  static final double A = 6.687;
  static final double B = 7.552;
  static final double E = 0.5604;
  static final double ALPHA = 0.2443;
  static final double BETA = 0.2281;

  @Test
  void everyGradientMatchesCentralDifferences() {
    List<ScalingLaw> laws = List.of(
        new PowerLaw(15), new SaturatingPowerLaw(15), new ExponentialLaw(15), new LogQuadraticLaw(15),
        new M4Law(15, 0.9), new TwoVariableLaw());
    List<double[]> params = List.of(
        new double[] {0.4, 0.3}, new double[] {0.2, -0.5, 0.4}, new double[] {0.3, 0.2}, new double[] {0.3, 0.2, -0.03},
        new double[] {0.1, -0.4, -0.6, 0.8}, new double[] {E, A, B, ALPHA, BETA});
    for (int l = 0; l < laws.size(); l++) {
      ScalingLaw law = laws.get(l);
      double[] p = params.get(l);
      double[] x = law instanceof TwoVariableLaw ? new double[] {7.3, 8.1} : new double[] {16.2};
      double[] g = new double[p.length];
      law.logPrediction(x, p, g);
      for (int j = 0; j < p.length; j++) {
        double h = 1e-6 * Math.max(1, Math.abs(p[j]));
        double[] up = p.clone();
        double[] down = p.clone();
        up[j] += h;
        down[j] -= h;
        double numeric = (law.logPrediction(x, up, null) - law.logPrediction(x, down, null)) / (2 * h);
        assertEquals(numeric, g[j], 1e-6 * Math.max(1, Math.abs(numeric)), law.name() + " parameter " + law.parameters().get(j));
      }
    }
  }

  @Test
  void m4PredictionSolvesItsImplicitEquation() {
    M4Law law = new M4Law(15, 0.9);
    double[] p = {0.12, -0.3, -0.7, 1.3};
    for (double x = 12; x <= 20; x += 0.5) {
      double err = Math.exp(law.logPrediction(new double[] {x}, p, null));
      double lhs = (err - p[0]) / Math.pow(0.9 - err, p[3]);
      assertEquals(Math.pow(10, p[1] + p[2] * (x - 15)), lhs, 1e-9 * lhs);
    }
  }

  @Test
  void recoversTheBartoldsonLawWithinFivePercent() {
    // The law of Bartoldson et al. 2024 (shared/reference): N from 1e5 to 1e10 parameters, D from
    // 1e5 to 1e10 examples seen, 0.5% multiplicative noise on the loss (seeds 1-7 all pass).
    Random random = new Random(7);
    int n = 1000;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double log10N = 5 + 5 * random.nextDouble();
      double log10D = 5 + 5 * random.nextDouble();
      x[i] = new double[] {log10N, log10D};
      double loss = E + A / Math.pow(10, ALPHA * log10N) + B / Math.pow(10, BETA * log10D);
      y[i] = loss * Math.exp(0.005 * random.nextGaussian());
    }
    LawFit fit = HuberLawFitter.defaults().fit(new TwoVariableLaw(), new LawData(x, y));
    double[] truth = {E, A, B, ALPHA, BETA};
    for (int j = 0; j < truth.length; j++) {
      double relative = Math.abs(fit.parameters()[j] / truth[j] - 1);
      assertTrue(relative < 0.05, fit.law().parameters().get(j) + " = " + fit.parameters()[j] + " vs " + truth[j] + " (" + fit.parameterText() + ")");
    }
    assertTrue(fit.startsConverged() > 0);
  }
}
