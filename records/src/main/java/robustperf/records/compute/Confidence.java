package robustperf.records.compute;

/**
 * How firmly a recipe figure is tied to the released checkpoint.
 *
 * <ul>
 *   <li>{@link #high}: stated for this exact checkpoint (the command that reproduces it, a table row for it);
 *   <li>{@link #medium}: the paper's main setting, this entry plausibly the same;
 *   <li>{@link #low}: a code default not tied to the checkpoint, or a documented family rule (the
 *       locator names the rule).
 * </ul>
 */
public enum Confidence {
  high,
  medium,
  low;

  /** @return true for high and medium: what the coverage counts */
  public boolean firm() {
    return this != low;
  }
}
