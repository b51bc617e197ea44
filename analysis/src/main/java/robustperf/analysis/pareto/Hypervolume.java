package robustperf.analysis.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The exact hypervolume a point set dominates up to a reference point, in 2 or 3 objectives: the
 * area (or volume) of the union of the boxes between each point and the reference. Points not
 * strictly better than the reference in every objective add nothing; NaN points are skipped.
 */
public final class Hypervolume {
  private Hypervolume() {}

  /**
   * @param points one row per point
   * @param reference a point worse than the region of interest in every objective
   * @param objectives direction of each column (2 or 3 of them)
   * @return the hypervolume, in the product of the objectives' units
   */
  public static double of(double[][] points, double[] reference, Objective... objectives) {
    int d = objectives.length;
    if (d != 2 && d != 3 || reference.length != d) {
      throw new IllegalArgumentException("exact hypervolume is for 2 or 3 objectives with a reference of the same size");
    }
    List<double[]> gains = new ArrayList<>();
    for (double[] p : points) {
      double[] g = new double[d];
      boolean inside = true;
      for (int k = 0; k < d; k++) {
        // Distance beyond the reference in the "better" direction.
        g[k] = (p[k] - reference[k]) * objectives[k].sign();
        inside &= g[k] > 0; // also false for NaN
      }
      if (inside) {
        gains.add(g);
      }
    }
    return d == 2 ? area(gains) : volume(gains);
  }

  /** Sweep by x descending: each point adds the strip of y above the best y so far. */
  private static double area(List<double[]> g) {
    List<double[]> sorted = new ArrayList<>(g);
    sorted.sort(Comparator.comparingDouble((double[] p) -> -p[0]));
    double total = 0;
    double bestY = 0;
    for (int i = 0; i < sorted.size(); i++) {
      double[] p = sorted.get(i);
      bestY = Math.max(bestY, p[1]);
      double nextX = i + 1 < sorted.size() ? sorted.get(i + 1)[0] : 0;
      total += (p[0] - nextX) * bestY;
    }
    return total;
  }

  /** Slabs between consecutive z levels, each the 2-D area of the points at or above it. */
  private static double volume(List<double[]> g) {
    double[] levels = g.stream().mapToDouble(p -> p[2]).distinct().sorted().toArray();
    double total = 0;
    double below = 0;
    for (double level : levels) {
      List<double[]> above = new ArrayList<>();
      for (double[] p : g) {
        if (p[2] >= level) {
          above.add(Arrays.copyOf(p, 2));
        }
      }
      total += area(above) * (level - below);
      below = level;
    }
    return total;
  }
}
