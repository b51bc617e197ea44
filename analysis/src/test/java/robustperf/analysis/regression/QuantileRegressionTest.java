package robustperf.analysis.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static robustperf.analysis.regression.OlsTest.assertRelative;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantileRegressionTest {

  /**
   * Against the exact LP optimum (HiGHS, in the fixture) to 1e-6; against statsmodels' QuantReg to
   * 1e-4 wherever its IRLS reached that optimum (its check loss within 1e-7); and never a worse
   * loss than statsmodels.
   */
  @ParameterizedTest
  @ValueSource(strings = {"compute_trend", "heavy_tails"})
  void isExactAndAgreesWithStatsmodelsWhereItConverged(String dataset) {
    RegressionFixture fixture = RegressionFixture.load(dataset);
    int statsmodelsChecked = 0;
    for (List<Map<String, String>> rows : fixture.fits()) {
      Map<String, String> first = rows.get(0);
      if (!first.get("fit").startsWith("quantile:")) {
        continue;
      }
      double tau = Double.parseDouble(first.get("fit").substring("quantile:".length()));
      List<String> predictors = RegressionFixture.predictors(first);
      QuantileFit fit = QuantileRegression.fitExact(fixture.observations(first.get("response"), predictors), predictors, tau, 0, 1);
      String where = dataset + " tau=" + tau + " ~ " + first.get("predictors");
      double lossStatsmodels = Double.parseDouble(first.get("loss_statsmodels"));
      double lossExact = Double.parseDouble(first.get("loss_exact_lp"));
      assertTrue(fit.converged(), where);
      assertRelative(lossExact, fit.objective(), 1e-9, where + " loss");
      assertTrue(fit.objective() <= lossStatsmodels * (1 + 1e-12), where + " loss worse than statsmodels");
      boolean statsmodelsAtOptimum = (lossStatsmodels - lossExact) / lossExact <= 1e-7;
      for (Map<String, String> row : rows) {
        double ours = fit.estimate(row.get("term"));
        assertRelative(Double.parseDouble(row.get("estimate_exact_lp")), ours, 1e-6, where + " " + row.get("term") + " vs LP");
        if (statsmodelsAtOptimum) {
          assertRelative(Double.parseDouble(row.get("estimate")), ours, 1e-4, where + " " + row.get("term") + " vs statsmodels");
          statsmodelsChecked++;
        }
      }
    }
    assertTrue(statsmodelsChecked >= 4, "statsmodels comparisons: " + statsmodelsChecked);
  }

  @Test
  void mmMatchesTheExactFit() {
    RegressionFixture fixture = RegressionFixture.load("compute_trend");
    List<String> predictors = List.of("log10_compute", "year");
    ArrayObservations data = fixture.observations("log10_inv_error", predictors);
    QuantileFit exact = QuantileRegression.fitExact(data, predictors, 0.1, 0, 1);
    QuantileFit mm = QuantileRegression.fitMm(data, predictors, 0.1, 1e-10, 5000);
    assertTrue(mm.converged());
    assertEquals("mm-irls", mm.method());
    // The MM path minimizes a smoothed loss: its loss is within 1e-6 of the exact optimum.
    assertRelative(exact.objective(), mm.objective(), 1e-6, "MM loss");
  }

  @Test
  void bootstrapIntervalsCoverTheEstimateAndRepeatWithTheSeed() {
    Random random = new Random(7);
    int n = 300;
    double[] y = new double[n];
    double[][] x = new double[n][1];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextDouble() * 10;
      y[i] = 1 + 0.5 * x[i][0] + random.nextGaussian();
    }
    ArrayObservations data = ArrayObservations.of(y, x);
    QuantileFit a = QuantileRegression.fitExact(data, List.of("x"), 0.1, 200, 42);
    QuantileFit b = QuantileRegression.fitExact(data, List.of("x"), 0.1, 200, 42);
    assertEquals(a, b);
    for (int j = 0; j < 2; j++) {
      assertTrue(a.ciLow().get(j) <= a.estimates().get(j) && a.estimates().get(j) <= a.ciHigh().get(j), a.toString());
    }
    // True 10% quantile line: 1 - 1.2816 + 0.5 x; the interval for the slope contains 0.5.
    assertTrue(a.ciLow().get(1) <= 0.5 && 0.5 <= a.ciHigh().get(1), a.toString());
  }
}
