package robustperf.analysis.pareto;

/** The definition of a Pareto front, checked pair by pair in O(n^2): the tests' oracle. */
final class BruteForceFront {
  private BruteForceFront() {}

  static Boolean[] of(double[][] points, Objective... objectives) {
    Boolean[] front = new Boolean[points.length];
    for (int i = 0; i < points.length; i++) {
      if (hasNaN(points[i])) {
        continue;
      }
      boolean dominated = false;
      for (int j = 0; j < points.length && !dominated; j++) {
        if (j == i || hasNaN(points[j])) {
          continue;
        }
        boolean noWorse = true;
        boolean better = false;
        for (int k = 0; k < objectives.length; k++) {
          boolean max = objectives[k] == Objective.MAXIMIZE;
          double a = points[j][k];
          double b = points[i][k];
          if (max ? a < b : a > b) {
            noWorse = false;
          }
          if (max ? a > b : a < b) {
            better = true;
          }
        }
        dominated = noWorse && better;
      }
      front[i] = !dominated;
    }
    return front;
  }

  private static boolean hasNaN(double[] p) {
    for (double v : p) {
      if (Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }
}
