package robustperf.analysis.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-dominated sorting: rank 1 is the Pareto front, rank 2 the front once rank 1 is removed, and
 * so on (the NSGA-II ordering). Points with a NaN coordinate get no rank.
 */
public final class ParetoRanks {
  private ParetoRanks() {}

  /**
   * Ranks every point.
   *
   * @param points one row per point
   * @param objectives direction of each column
   * @return rank per point (1-based), null for points with a NaN
   */
  public static Integer[] of(double[][] points, Objective... objectives) {
    Integer[] rank = new Integer[points.length];
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      boolean nan = false;
      for (double v : points[i]) {
        nan |= Double.isNaN(v);
      }
      if (!nan) {
        remaining.add(i);
      }
    }
    int level = 0;
    while (!remaining.isEmpty()) {
      level++;
      double[][] subset = new double[remaining.size()][];
      for (int j = 0; j < subset.length; j++) {
        subset[j] = points[remaining.get(j)];
      }
      ParetoFront front = ParetoFront.of(subset, objectives);
      List<Integer> next = new ArrayList<>();
      for (int j = 0; j < subset.length; j++) {
        if (front.onFront(j)) {
          rank[remaining.get(j)] = level;
        } else {
          next.add(remaining.get(j));
        }
      }
      remaining = next;
    }
    return rank;
  }
}
