package robustperf.records;

/** The norm of a threat model's perturbation ball. */
public enum Norm {
  Linf,
  L2;

  /**
   * Parses a norm as written in RobustBench folders and our specs.
   *
   * @param text "Linf" or "L2", case-insensitive
   * @return the norm
   * @throws IllegalArgumentException naming the text when it is neither
   */
  public static Norm parse(String text) {
    for (Norm norm : values()) {
      if (norm.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return norm;
      }
    }
    throw new IllegalArgumentException("unknown norm '" + text + "': expected Linf or L2");
  }
}
