package robustperf.records;

/** Which checkpoint of a run an evaluation used. */
public enum Checkpoint {
  /** Highest robust accuracy on the held-out evaluation subset during training. */
  best,
  /** The weights after the final epoch. */
  last
}
