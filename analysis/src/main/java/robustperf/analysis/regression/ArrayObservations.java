package robustperf.analysis.regression;

import java.io.Serializable;

/** Observations held in memory: y[i] with predictors x[i]. */
public final class ArrayObservations implements Observations {
  private final double[] y;
  private final double[][] x;

  private ArrayObservations(double[] y, double[][] x) {
    this.y = y;
    this.x = x;
  }

  /**
   * @param y responses
   * @param x predictors, one row per response, without an intercept column
   * @return the observations
   * @throws IllegalArgumentException when lengths differ, rows are ragged or a value is not finite
   */
  public static ArrayObservations of(double[] y, double[][] x) {
    if (y.length != x.length) {
      throw new IllegalArgumentException(y.length + " responses but " + x.length + " predictor rows");
    }
    for (int i = 0; i < y.length; i++) {
      if (x[i].length != (x.length == 0 ? 0 : x[0].length)) {
        throw new IllegalArgumentException("predictor row " + i + " has " + x[i].length + " values");
      }
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("response " + i + " is " + y[i] + ": filter it out first");
      }
      for (double v : x[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("predictor row " + i + " holds " + v + ": filter it out first");
        }
      }
    }
    return new ArrayObservations(y, x);
  }

  /** @return the number of observations */
  public int size() {
    return y.length;
  }

  /** @return the responses (not copied) */
  double[] y() {
    return y;
  }

  /** @return the predictor rows (not copied) */
  double[][] x() {
    return x;
  }

  @Override
  public int predictors() {
    return x.length == 0 ? 0 : x[0].length;
  }

  @Override
  public <A extends Serializable> A fold(A zero, Step<A> step, Merge<A> merge) {
    A acc = zero;
    for (int i = 0; i < y.length; i++) {
      acc = step.add(acc, y[i], x[i]);
    }
    return acc;
  }
}
