package robustperf.train.loop;

/**
 * What a long evaluation reports as it goes: each stage as it starts (the points it attacks and how
 * many passes over them it makes), the points each finished batch covered, and each stage's end.
 * The command line turns it into a progress bar on a terminal and one line per stage elsewhere;
 * results never depend on it.
 */
public interface AttackProgress {
  /** Reports nothing. */
  AttackProgress NONE = new AttackProgress() {
    @Override
    public void stageStarted(String stage, int points, int passes) {}

    @Override
    public void pointsDone(int points) {}

    @Override
    public void stageFinished(String stage, double robustAccuracyPct, double seconds) {}
  };

  /**
   * @param stage the stage's id, e.g. "apgd-t"
   * @param points points still robust that it attacks
   * @param passes passes it makes over them at most (restarts, or target classes)
   */
  void stageStarted(String stage, int points, int passes);

  /** @param points points a finished batch covered */
  void pointsDone(int points);

  /**
   * @param stage the stage's id
   * @param robustAccuracyPct robust accuracy over all points after it
   * @param seconds its wall time
   */
  void stageFinished(String stage, double robustAccuracyPct, double seconds);
}
