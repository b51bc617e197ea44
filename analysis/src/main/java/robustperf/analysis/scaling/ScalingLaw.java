package robustperf.analysis.scaling;

import java.util.List;

/**
 * One law form: a positive response (error rate or loss) as a function of features, with its
 * parameter bounds and a multi-start grid. Fitting works on the log of the prediction, so a law
 * gives ln(y-hat) and its gradient in the parameters.
 */
public interface ScalingLaw {
  /** @return a short id, e.g. "saturating-power" */
  String name();

  /** @return the formula with its variables defined */
  String formula();

  /** @return parameter names, in the order of the parameter vector */
  List<String> parameters();

  /** @return lower bounds, one per parameter (may be -infinity) */
  double[] lower();

  /** @return upper bounds (may be +infinity) */
  double[] upper();

  /**
   * @param data the points to fit
   * @return starting points of the multi-start grid, informed by the data's scale
   */
  List<double[]> starts(LawData data);

  /**
   * @param x one point's features
   * @param p parameters
   * @param gradient when not null, filled with d ln(y-hat) / dp
   * @return ln(y-hat); NaN where the law is undefined
   */
  double logPrediction(double[] x, double[] p, double[] gradient);

  /**
   * @param p parameters
   * @return the response the law tends to as compute grows without bound (0 for unbounded gains)
   */
  double asymptote(double[] p);
}
