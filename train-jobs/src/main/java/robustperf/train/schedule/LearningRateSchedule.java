package robustperf.train.schedule;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate as a function of the update count, over a run of {@code totalUpdates}:
 * piecewise (x0.1 at 50% and 75% of training, Madry/Rice), cosine to zero, or one-cycle (linear up
 * to the peak at 2/5 of training, then down to zero: Wong et al.'s cyclic schedule).
 *
 * @param kind the shape
 * @param peak the largest learning rate
 * @param totalUpdates updates in the whole run
 */
public record LearningRateSchedule(Kind kind, double peak, long totalUpdates) implements Tracker {

  /** Shapes of schedule. */
  public enum Kind {
    piecewise,
    cosine,
    cyclic
  }

  public LearningRateSchedule {
    if (kind == null || !(peak > 0) || Double.isInfinite(peak) || totalUpdates < 1) {
      throw new IllegalArgumentException(
          "a schedule needs a kind, a finite peak > 0 and >= 1 update, got " + kind + " " + peak + " " + totalUpdates);
    }
  }

  /**
   * @param update the update about to be made, 0-based
   * @return its learning rate
   */
  public double at(long update) {
    double progress = Math.min(1.0, update / (double) totalUpdates);
    return switch (kind) {
      case piecewise -> peak * (progress < 0.5 ? 1 : progress < 0.75 ? 0.1 : 0.01);
      case cosine -> peak * 0.5 * (1 + Math.cos(Math.PI * progress));
      case cyclic -> progress < 0.4 ? peak * progress / 0.4 : peak * (1 - progress) / 0.6;
    };
  }

  /** DJL counts updates per parameter from 1. */
  @Override
  public float getNewValue(int numUpdate) {
    return (float) at(Math.max(0, numUpdate - 1));
  }
}
