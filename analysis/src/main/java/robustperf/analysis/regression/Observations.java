package robustperf.analysis.regression;

import java.io.Serializable;

/**
 * Rows of a response y and predictors x that can be folded over, in memory or on Spark. Fitting
 * code sees only folds, so one implementation serves both.
 */
public interface Observations {

  /** Adds one observation to an accumulator, mutating and returning it. */
  @FunctionalInterface
  interface Step<A> extends Serializable {
    A add(A acc, double y, double[] x);
  }

  /** Combines two accumulators, mutating and returning the first. */
  @FunctionalInterface
  interface Merge<A> extends Serializable {
    A merge(A a, A b);
  }

  /** @return the number of predictors p (the intercept is not among them) */
  int predictors();

  /**
   * Folds every observation into an accumulator.
   *
   * @param zero the empty accumulator; implementations may copy it per partition
   * @param step adds one observation
   * @param merge combines partial accumulators
   * @param <A> accumulator type
   * @return the accumulator over all observations
   */
  <A extends Serializable> A fold(A zero, Step<A> step, Merge<A> merge);
}
