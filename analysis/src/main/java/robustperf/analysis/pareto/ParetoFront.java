package robustperf.analysis.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The non-dominated points of a set. A point is dominated when another is at least as good in
 * every objective and strictly better in one; equal points do not dominate each other, so
 * duplicates on the front are all on it. Points with a NaN coordinate are excluded and counted.
 */
public final class ParetoFront {
  private final Boolean[] onFront;
  private final int excluded;

  private ParetoFront(Boolean[] onFront, int excluded) {
    this.onFront = onFront;
    this.excluded = excluded;
  }

  /**
   * Computes the front.
   *
   * @param points one row per point, one column per objective
   * @param objectives the direction of each column
   * @return which points are on the front
   * @throws IllegalArgumentException when a row's length differs from the number of objectives
   */
  public static ParetoFront of(double[][] points, Objective... objectives) {
    if (objectives.length == 0) {
      throw new IllegalArgumentException("a Pareto front needs at least one objective");
    }
    Boolean[] onFront = new Boolean[points.length];
    List<double[]> gains = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    int excluded = 0;
    for (int i = 0; i < points.length; i++) {
      if (points[i].length != objectives.length) {
        throw new IllegalArgumentException(
            "point " + i + " has " + points[i].length + " values for " + objectives.length + " objectives");
      }
      if (Arrays.stream(points[i]).anyMatch(Double::isNaN)) {
        excluded++;
        continue;
      }
      double[] g = new double[objectives.length];
      for (int k = 0; k < g.length; k++) {
        g[k] = points[i][k] * objectives[k].sign() + 0.0; // + 0.0 folds -0.0 into 0.0
      }
      gains.add(g);
      index.add(i);
    }
    boolean[] front = objectives.length == 2 ? sweep2d(gains) : sortFilter(gains);
    for (int j = 0; j < front.length; j++) {
      onFront[index.get(j)] = front[j];
    }
    return new ParetoFront(onFront, excluded);
  }

  /**
   * @param i the point's row
   * @return whether it is on the front, or null when it was excluded for a NaN
   */
  public Boolean onFront(int i) {
    return onFront[i];
  }

  /** @return the number of points excluded for a NaN coordinate */
  public int excluded() {
    return excluded;
  }

  /** O(n log n): by x descending, a point is on the front iff its y tops every larger x's y. */
  private static boolean[] sweep2d(List<double[]> g) {
    Integer[] order = byDescendingLexicographic(g);
    boolean[] front = new boolean[g.size()];
    double bestYAtLargerX = Double.NEGATIVE_INFINITY;
    int start = 0;
    while (start < order.length) {
      double x = g.get(order[start])[0];
      int end = start;
      while (end < order.length && g.get(order[end])[0] == x) {
        end++;
      }
      double groupMaxY = g.get(order[start])[1]; // lexicographic order puts the max y first
      for (int j = start; j < end; j++) {
        double y = g.get(order[j])[1];
        front[order[j]] = y == groupMaxY && groupMaxY > bestYAtLargerX;
      }
      bestYAtLargerX = Math.max(bestYAtLargerX, groupMaxY);
      start = end;
    }
    return front;
  }

  /**
   * Any dimension: in descending lexicographic order no point is dominated by a later one, and a
   * dominated point is dominated by some front member, so each point is checked against the front
   * found so far only.
   */
  private static boolean[] sortFilter(List<double[]> g) {
    Integer[] order = byDescendingLexicographic(g);
    boolean[] front = new boolean[g.size()];
    List<double[]> members = new ArrayList<>();
    for (int i : order) {
      boolean dominated = false;
      for (double[] m : members) {
        if (dominates(m, g.get(i))) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        members.add(g.get(i));
        front[i] = true;
      }
    }
    return front;
  }

  /**
   * @param a gains of one point
   * @param b gains of another
   * @return whether a dominates b (all objectives as "more is better")
   */
  static boolean dominates(double[] a, double[] b) {
    boolean strictly = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] < b[k]) {
        return false;
      }
      strictly |= a[k] > b[k];
    }
    return strictly;
  }

  private static Integer[] byDescendingLexicographic(List<double[]> g) {
    Integer[] order = new Integer[g.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Comparator<Integer> lex =
        (a, b) -> {
          double[] p = g.get(a);
          double[] q = g.get(b);
          for (int k = 0; k < p.length; k++) {
            int c = Double.compare(q[k], p[k]);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    Arrays.sort(order, lex);
    return order;
  }
}
