package robustperf.analysis.scaling;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Limited-memory BFGS with box bounds, in its projected form: the two-loop direction is taken on
 * the free variables (those not held at a bound by their gradient), and a backtracking Armijo
 * search runs along the path projected onto the box. Convergence is scipy's L-BFGS-B test: the
 * projected gradient's largest component below {@code pgtol}, or the relative reduction of the
 * objective below {@code ftol}. Written here because breeze's LBFGSB (on Spark's classpath) cannot
 * be implemented from Java: its objective trait has two {@code apply} methods Java cannot both
 * declare.
 */
public final class BoundedLbfgs {
  /** A differentiable objective. */
  @FunctionalInterface
  public interface Objective {
    /**
     * @param x the point
     * @param gradient filled with the gradient at x
     * @return the value at x
     */
    double value(double[] x, double[] gradient);
  }

  /**
   * @param memory correction pairs kept
   * @param maxIterations iteration limit
   * @param pgtol projected-gradient tolerance (largest component)
   * @param ftol relative-reduction tolerance
   */
  public record Options(int memory, int maxIterations, double pgtol, double ftol) {
    /** @return 10 pairs, 1000 iterations, pgtol 1e-10, ftol 1e-13 */
    public static Options defaults() {
      return new Options(10, 1000, 1e-10, 1e-13);
    }
  }

  /**
   * @param x the minimizer found
   * @param value the objective there
   * @param iterations iterations taken
   * @param converged whether a tolerance was met (not the iteration limit or a failed search)
   * @param reason why it stopped
   */
  public record Minimum(double[] x, double value, int iterations, boolean converged, String reason) {}

  private BoundedLbfgs() {}

  /**
   * @param f the objective
   * @param start the starting point (projected onto the box first)
   * @param lower lower bounds (may be -infinity)
   * @param upper upper bounds (may be +infinity)
   * @param options tolerances
   * @return the minimum found
   */
  public static Minimum minimize(Objective f, double[] start, double[] lower, double[] upper, Options options) {
    int n = start.length;
    if (lower.length != n || upper.length != n) {
      throw new IllegalArgumentException("bounds must have the dimension of the start, " + n);
    }
    double[] x = project(start, lower, upper);
    double[] g = new double[n];
    double fx = f.value(x, g);
    if (!Double.isFinite(fx)) {
      return new Minimum(x, fx, 0, false, "objective not finite at the start");
    }
    Deque<double[][]> pairs = new ArrayDeque<>();
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    for (int iteration = 1; iteration <= options.maxIterations(); iteration++) {
      if (projectedGradientNorm(x, g, lower, upper) <= options.pgtol()) {
        return new Minimum(x, fx, iteration - 1, true, "projected gradient below pgtol");
      }
      boolean[] free = freeVariables(x, g, lower, upper);
      double[] d = direction(g, free, pairs);
      if (dot(d, g) >= 0) {
        pairs.clear();
        d = direction(g, free, pairs);
      }
      // The first step of steepest descent is scaled to unit length, as no curvature is known yet.
      double step = pairs.isEmpty() ? Math.min(1.0, 1.0 / Math.sqrt(dot(d, d))) : 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int trial = 0; trial < 60 && !accepted; trial++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step * d[i]));
        }
        fNew = f.value(xNew, gNew);
        double decrease = 0;
        for (int i = 0; i < n; i++) {
          decrease += g[i] * (xNew[i] - x[i]);
        }
        accepted = Double.isFinite(fNew) && fNew <= fx + 1e-4 * decrease && decrease < 0;
        step *= 0.5;
      }
      if (!accepted) {
        if (!pairs.isEmpty()) {
          pairs.clear();
          continue;
        }
        return new Minimum(x, fx, iteration, false, "line search failed");
      }
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        pairs.addLast(new double[][] {s, y});
        if (pairs.size() > options.memory()) {
          pairs.removeFirst();
        }
      }
      double reduction = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1.0);
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (reduction <= options.ftol()) {
        return new Minimum(x, fx, iteration, true, "relative reduction below ftol");
      }
    }
    return new Minimum(x, fx, options.maxIterations(), false, "iteration limit");
  }

  static double[] project(double[] x, double[] lower, double[] upper) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (lower[i] > upper[i]) {
        throw new IllegalArgumentException("bound " + i + ": lower " + lower[i] + " > upper " + upper[i]);
      }
      p[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
    }
    return p;
  }

  private static double projectedGradientNorm(double[] x, double[] g, double[] lower, double[] upper) {
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      double moved = Math.min(upper[i], Math.max(lower[i], x[i] - g[i])) - x[i];
      norm = Math.max(norm, Math.abs(moved));
    }
    return norm;
  }

  /** A variable at a bound whose gradient pushes it outward stays there this iteration. */
  private static boolean[] freeVariables(double[] x, double[] g, double[] lower, double[] upper) {
    boolean[] free = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      free[i] = !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0));
    }
    return free;
  }

  /** The two-loop recursion on the free variables: -H g with H the L-BFGS inverse Hessian. */
  private static double[] direction(double[] g, boolean[] free, Deque<double[][]> pairs) {
    int n = g.length;
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = free[i] ? g[i] : 0;
    }
    double[][][] history = pairs.toArray(new double[0][][]);
    double[] alpha = new double[history.length];
    for (int k = history.length - 1; k >= 0; k--) {
      double[] s = masked(history[k][0], free);
      double[] y = masked(history[k][1], free);
      double sy = dot(s, y);
      if (sy <= 0) {
        continue;
      }
      alpha[k] = dot(s, q) / sy;
      for (int i = 0; i < n; i++) {
        q[i] -= alpha[k] * y[i];
      }
    }
    if (history.length > 0) {
      double[] s = masked(history[history.length - 1][0], free);
      double[] y = masked(history[history.length - 1][1], free);
      double yy = dot(y, y);
      double gamma = yy > 0 && dot(s, y) > 0 ? dot(s, y) / yy : 1;
      for (int i = 0; i < n; i++) {
        q[i] *= gamma;
      }
    }
    for (int k = 0; k < history.length; k++) {
      double[] s = masked(history[k][0], free);
      double[] y = masked(history[k][1], free);
      double sy = dot(s, y);
      if (sy <= 0) {
        continue;
      }
      double beta = dot(y, q) / sy;
      for (int i = 0; i < n; i++) {
        q[i] += (alpha[k] - beta) * s[i];
      }
    }
    for (int i = 0; i < n; i++) {
      q[i] = free[i] ? -q[i] : 0;
    }
    return q;
  }

  private static double[] masked(double[] v, boolean[] free) {
    double[] m = Arrays.copyOf(v, v.length);
    for (int i = 0; i < v.length; i++) {
      if (!free[i]) {
        m[i] = 0;
      }
    }
    return m;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
