package robustperf.train.precision;

/**
 * Dynamic loss scaling for FP16 training, written out rather than taken from an autocast library
 * (DJL has none): the loss is multiplied by the scale before the backward pass so that small
 * gradients survive FP16; a step whose gradients overflowed is skipped and the scale halved; after
 * {@code growthInterval} clean steps in a row the scale doubles. The defaults are PyTorch AMP's
 * GradScaler's (2^16, halve on overflow, double after 2,000 clean steps).
 */
public final class DynamicLossScale {
  private final int growthInterval;
  private double scale;
  private int cleanSteps;
  private long skipped;

  /** PyTorch AMP's defaults. */
  public DynamicLossScale() {
    this(65536.0, 2000);
  }

  /**
   * @param initial the first scale
   * @param growthInterval clean steps before the scale doubles
   */
  public DynamicLossScale(double initial, int growthInterval) {
    if (!(initial >= 1) || Double.isInfinite(initial) || growthInterval < 1) {
      throw new IllegalArgumentException("loss scale needs initial >= 1 and growth interval >= 1");
    }
    this.scale = initial;
    this.growthInterval = growthInterval;
  }

  /** @return the current scale */
  public double scale() {
    return scale;
  }

  /**
   * Records the outcome of a step.
   *
   * @param finite whether every gradient was finite
   * @return whether to apply the step
   */
  public boolean step(boolean finite) {
    if (!finite) {
      scale = Math.max(1.0, scale / 2);
      cleanSteps = 0;
      skipped++;
      return false;
    }
    if (++cleanSteps == growthInterval) {
      scale *= 2;
      cleanSteps = 0;
    }
    return true;
  }

  /**
   * Halves the scale after an overflowed input gradient (an attack step), which has no optimizer
   * step to skip; the caller recomputes the gradient at the lower scale.
   *
   * @return whether the scale could still be lowered
   */
  public boolean backOff() {
    if (scale <= 1.0) {
      return false;
    }
    scale = Math.max(1.0, scale / 2);
    cleanSteps = 0;
    return true;
  }

  /** @return steps skipped for overflow so far */
  public long skippedSteps() {
    return skipped;
  }
}
