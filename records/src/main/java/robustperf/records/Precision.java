package robustperf.records;

/** Numeric precision of training or inference arithmetic. */
public enum Precision {
  fp32,
  fp16,
  int8
}
