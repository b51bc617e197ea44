package robustperf.analysis.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OlsTest {
  static void assertRelative(double expected, double actual, double tolerance, String what) {
    double scale = Math.max(Math.abs(expected), 1e-300);
    assertTrue(Math.abs(actual - expected) / scale <= tolerance,
        what + ": expected " + expected + ", got " + actual + " (relative error " + Math.abs(actual - expected) / scale + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"compute_trend", "heavy_tails"})
  void agreesWithStatsmodelsToOneInAMillion(String dataset) {
    RegressionFixture fixture = RegressionFixture.load(dataset);
    int checked = 0;
    for (List<Map<String, String>> rows : fixture.fits()) {
      Map<String, String> first = rows.get(0);
      if (!first.get("fit").equals("ols")) {
        continue;
      }
      List<String> predictors = RegressionFixture.predictors(first);
      OlsFit fit = Ols.fit(fixture.observations(first.get("response"), predictors), predictors);
      String where = dataset + " " + first.get("response") + " ~ " + first.get("predictors");
      assertRelative(Double.parseDouble(first.get("r2")), fit.r2(), 1e-6, where + " R2");
      assertRelative(Double.parseDouble(first.get("adj_r2")), fit.adjustedR2(), 1e-6, where + " adj R2");
      assertEquals(Long.parseLong(first.get("n")), fit.n());
      for (Map<String, String> row : rows) {
        Coefficient c = fit.coefficient(row.get("term"));
        String term = where + " [" + row.get("term") + "] ";
        for (String column : List.of("estimate", "se", "t", "ci_low", "ci_high", "se_hc1")) {
          assertRelative(Double.parseDouble(row.get(column)), value(c, column), 1e-6, term + column);
        }
        // p-values far in the tail lose relative precision in any implementation's CDF.
        assertRelative(Double.parseDouble(row.get("p")), c.p(), 1e-4, term + "p");
        assertRelative(Double.parseDouble(row.get("p_hc1")), c.pHc1(), 1e-4, term + "p_hc1");
        checked++;
      }
    }
    assertTrue(checked >= 2, "no OLS rows checked");
  }

  private static double value(Coefficient c, String column) {
    return switch (column) {
      case "estimate" -> c.estimate();
      case "se" -> c.se();
      case "t" -> c.t();
      case "ci_low" -> c.ciLow();
      case "ci_high" -> c.ciHigh();
      case "se_hc1" -> c.seHc1();
      default -> throw new IllegalArgumentException(column);
    };
  }

  @Test
  void collinearPredictorsAreNamed() {
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> Ols.fit(ArrayObservations.of(new double[] {1, 2, 3, 5}, x), List.of("a", "b")));
    assertTrue(e.getMessage().contains("[a, b] are collinear"), e.getMessage());
  }

  @Test
  void tooFewObservationsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Ols.fit(ArrayObservations.of(new double[] {1, 2}, new double[][] {{1}, {2}}), List.of("x")));
  }
}
