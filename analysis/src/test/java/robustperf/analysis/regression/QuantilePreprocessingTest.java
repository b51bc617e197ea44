package robustperf.analysis.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The preprocessed exact fit is the exact fit: same optimum as solving the whole problem directly. */
class QuantilePreprocessingTest {
  private static double[][] x;
  private static double[] y;

  private static void data(int n, long seed) {
    // Thompson-like: a far-from-zero year, heavy-tailed heteroskedastic noise.
    Random random = new Random(seed);
    x = new double[n][];
    y = new double[n];
    for (int i = 0; i < n; i++) {
      double compute = 15 + 7 * random.nextDouble();
      double year = 2017 + 8 * random.nextDouble();
      x[i] = new double[] {1, compute, year};
      double noise = random.nextGaussian() * (0.02 + 0.01 * (compute - 15));
      if (random.nextDouble() < 0.05) {
        noise *= 10;
      }
      y[i] = 0.1 + 0.03 * compute + 0.02 * (year - 2020) + noise;
    }
  }

  @Test
  void preprocessingFindsTheSameOptimumAsTheWholeProblem() {
    for (double tau : new double[] {0.1, 0.5, 0.9}) {
      data(120_000, 7 + (long) (10 * tau));
      QuantileRegression.Solution direct = QuantileRegression.solveDirect(x, y, tau, x.length);
      QuantileRegression.Solution pre = QuantileRegression.solve(x, y, tau);
      double lossDirect = QuantileRegression.loss(x, y, direct.beta(), tau);
      double lossPre = QuantileRegression.loss(x, y, pre.beta(), tau);
      assertEquals(lossDirect, lossPre, 1e-9 * lossDirect, "tau " + tau);
      // The slopes agree; the intercept, written at year 0, moves 2000 times any difference in the year's slope.
      assertArrayEquals(new double[] {direct.beta()[1], direct.beta()[2]}, new double[] {pre.beta()[1], pre.beta()[2]}, 1e-6, "tau " + tau);
      assertEquals(direct.beta()[0] + 18 * direct.beta()[1] + 2021 * direct.beta()[2],
          pre.beta()[0] + 18 * pre.beta()[1] + 2021 * pre.beta()[2], 1e-6, "the fitted quantile at the data's centre, tau " + tau);
    }
  }
}
