package robustperf.records;

/** Whether a figure was read from a meter or derived from a model of the hardware. */
public enum Provenance {
  measured,
  estimated
}
