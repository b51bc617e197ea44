package robustperf.records;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint a run kept: the best, the last, or the one at the end of a given epoch (kept when
 * the run keeps every epoch's, so that each crossing of a target can be confirmed).
 *
 * @param kind best, last or epoch
 * @param epoch the 1-based epoch of an epoch checkpoint; null for best and last, whose epochs the
 *     run's epoch records give
 */
public record KeptCheckpoint(Checkpoint kind, Integer epoch) {
  public static final KeptCheckpoint BEST = new KeptCheckpoint(Checkpoint.best, null);
  public static final KeptCheckpoint LAST = new KeptCheckpoint(Checkpoint.last, null);

  private static final Pattern EPOCH = Pattern.compile("epoch-0*([1-9][0-9]{0,5})");

  public KeptCheckpoint {
    if (kind == null) {
      throw new IllegalArgumentException("a checkpoint needs its kind: best, last or epoch");
    }
    if (kind == Checkpoint.epoch ? epoch == null || epoch < 1 : epoch != null) {
      throw new IllegalArgumentException(
          "an epoch checkpoint needs its epoch (>= 1), a best or last one none: " + kind + " " + epoch);
    }
  }

  /**
   * @param epoch 1-based
   * @return the checkpoint at the end of that epoch
   */
  public static KeptCheckpoint ofEpoch(int epoch) {
    return new KeptCheckpoint(Checkpoint.epoch, epoch);
  }

  /**
   * @param text "best", "last" or "epoch-N"
   * @return the checkpoint
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static KeptCheckpoint parse(String text) {
    if ("best".equals(text)) {
      return BEST;
    }
    if ("last".equals(text)) {
      return LAST;
    }
    Matcher m = EPOCH.matcher(text == null ? "" : text);
    if (m.matches()) {
      return ofEpoch(Integer.parseInt(m.group(1)));
    }
    throw new IllegalArgumentException("a checkpoint is best, last or epoch-N (N >= 1), got '" + text + "'");
  }

  /** @return "best", "last" or "epoch-0002": the path segment of its files */
  public String label() {
    return kind == Checkpoint.epoch ? String.format("epoch-%04d", epoch) : kind.name();
  }

  @Override
  public String toString() {
    return label();
  }
}
