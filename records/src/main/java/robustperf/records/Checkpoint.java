package robustperf.records;

/** Which checkpoint of a run an evaluation used; {@link KeptCheckpoint} adds the epoch of an {@link #epoch} one. */
public enum Checkpoint {
  /** Highest robust accuracy on the held-out evaluation subset during training. */
  best,
  /** The weights after the final epoch. */
  last,
  /** The weights after a given epoch, kept when the run keeps every epoch's checkpoint. */
  epoch
}
