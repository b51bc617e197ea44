package robustperf.analysis.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoublingRatesTest {
  /** Two eras: doubling every 20 months until 2015, then every 6 months; log2 noise sd 0.3. */
  private static double[][] twoEras(long seed) {
    Random random = new Random(seed);
    int n = 160;
    double[] dates = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double t = 2005 + 15.0 * random.nextDouble();
      double log2 = t < 2015 ? (t - 2005) * 12 / 20.0 : 6 + (t - 2015) * 12 / 6.0;
      dates[i] = t;
      values[i] = Math.pow(2, 10 + log2 + 0.3 * random.nextGaussian());
    }
    return new double[][] {dates, values};
  }

  @Test
  void givenBoundariesRecoverTheDoublingTimes() {
    double[][] d = twoEras(1);
    List<EraFit> eras = DoublingRates.fit(d[0], d[1], new double[] {2015}, 300, 9);
    assertEquals(2, eras.size());
    assertEquals(20, eras.get(0).doublingMonths(), 20 * 0.05, eras.get(0).toString());
    assertEquals(6, eras.get(1).doublingMonths(), 6 * 0.05, eras.get(1).toString());
    for (EraFit era : eras) {
      assertTrue(era.doublingMonthsLow() <= era.doublingMonths() && era.doublingMonths() <= era.doublingMonthsHigh(), era.toString());
      assertTrue(era.r2() > 0.9, era.toString());
    }
  }

  @Test
  void theBreakpointSearchFindsTheEraBoundary() {
    double[][] d = twoEras(2);
    List<EraFit> eras = DoublingRates.findEras(d[0], d[1], 2, 10, 100, 9);
    assertEquals(2015, eras.get(1).from(), 0.5, eras.toString());
    assertEquals(6, eras.get(1).doublingMonths(), 6 * 0.1, eras.toString());
  }

  @Test
  void theBreakpointSearchIsOptimal() {
    // Against every single cut by brute force.
    double[][] d = twoEras(3);
    List<EraFit> found = DoublingRates.findEras(d[0], d[1], 2, 5, 0, 1);
    double[] sorted = d[0].clone();
    java.util.Arrays.sort(sorted);
    double bestCost = Double.POSITIVE_INFINITY;
    double bestBoundary = Double.NaN;
    for (int cut = 5; cut <= sorted.length - 5; cut++) {
      double cost = totalSsr(d, sorted[cut]);
      if (cost < bestCost) {
        bestCost = cost;
        bestBoundary = sorted[cut];
      }
    }
    assertEquals(bestBoundary, found.get(1).from(), 1e-12);
  }

  private static double totalSsr(double[][] d, double boundary) {
    double total = 0;
    for (boolean early : new boolean[] {true, false}) {
      java.util.List<double[]> pts = new java.util.ArrayList<>();
      for (int i = 0; i < d[0].length; i++) {
        if ((d[0][i] < boundary) == early) {
          pts.add(new double[] {d[0][i], Math.log(d[1][i]) / Math.log(2)});
        }
      }
      double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
      double[] line = DoublingRates.line(x, y);
      for (int i = 0; i < x.length; i++) {
        double e = y[i] - line[0] - line[1] * x[i];
        total += e * e;
      }
    }
    return total;
  }

  @Test
  void aFlatEraHasNoDoublingInterval() {
    Random random = new Random(5);
    double[] dates = new double[40];
    double[] values = new double[40];
    for (int i = 0; i < 40; i++) {
      dates[i] = 2018 + i * 0.1;
      values[i] = 100 * Math.pow(2, 0.5 * random.nextGaussian());
    }
    EraFit era = DoublingRates.fit(dates, values, new double[0], 200, 3).get(0);
    assertNull(era.doublingMonthsLow());
    assertTrue(era.note().contains("contains 0"), era.note());
  }

  @Test
  void nonPositiveValuesAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> DoublingRates.fit(new double[] {1, 2, 3}, new double[] {1, 0, 2}, new double[0], 0, 1));
  }
}
