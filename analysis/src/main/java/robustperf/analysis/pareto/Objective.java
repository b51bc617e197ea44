package robustperf.analysis.pareto;

/** Whether more or less of a column is better. */
public enum Objective {
  MAXIMIZE,
  MINIMIZE;

  /** @return +1 for MAXIMIZE, -1 for MINIMIZE: multiplying by it turns every goal into "more" */
  double sign() {
    return this == MAXIMIZE ? 1 : -1;
  }
}
