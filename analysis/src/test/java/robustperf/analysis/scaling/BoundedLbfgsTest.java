package robustperf.analysis.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedLbfgsTest {
  private static final BoundedLbfgs.Objective ROSENBROCK = (x, g) -> {
    double a = 1 - x[0];
    double b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  };

  @Test
  void findsTheUnconstrainedMinimumOfRosenbrock() {
    double inf = Double.POSITIVE_INFINITY;
    BoundedLbfgs.Minimum m = BoundedLbfgs.minimize(
        ROSENBROCK, new double[] {-1.2, 1}, new double[] {-inf, -inf}, new double[] {inf, inf}, BoundedLbfgs.Options.defaults());
    assertTrue(m.converged(), m.reason());
    assertArrayEquals(new double[] {1, 1}, m.x(), 1e-5);
  }

  @Test
  void stopsAtAnActiveBound() {
    // With x0 <= 0.5 the valley's lowest point is (0.5, 0.25), f = 0.25.
    BoundedLbfgs.Minimum m = BoundedLbfgs.minimize(
        ROSENBROCK, new double[] {-1.2, 1}, new double[] {-2, -2}, new double[] {0.5, 2}, BoundedLbfgs.Options.defaults());
    assertTrue(m.converged(), m.reason());
    assertArrayEquals(new double[] {0.5, 0.25}, m.x(), 1e-6);
    assertEquals(0.25, m.value(), 1e-10);
  }

  @Test
  void projectsAnInfeasibleStartAndKeepsEveryIterateInsideTheBox() {
    double[] lower = {1, 1};
    double[] upper = {3, 3};
    BoundedLbfgs.Minimum m = BoundedLbfgs.minimize((x, g) -> {
      assertTrue(x[0] >= 1 && x[0] <= 3 && x[1] >= 1 && x[1] <= 3, "iterate outside the box");
      g[0] = 2 * x[0];
      g[1] = 2 * (x[1] - 2);
      return x[0] * x[0] + (x[1] - 2) * (x[1] - 2);
    }, new double[] {-5, 10}, lower, upper, BoundedLbfgs.Options.defaults());
    assertArrayEquals(new double[] {1, 2}, m.x(), 1e-8);
  }
}
