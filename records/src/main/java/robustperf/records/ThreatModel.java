package robustperf.records;

/**
 * A perturbation ball: its norm and radius, kept both as written and as a number.
 *
 * @param norm the norm of the ball
 * @param epsText the radius as given, e.g. "8/255" or "0.5", kept so tables show what a paper wrote
 * @param eps the radius as a number in input units ([0,1] pixel scale), e.g. 0.0313725 for 8/255
 */
public record ThreatModel(Norm norm, String epsText, double eps) {

  public ThreatModel {
    if (norm == null) {
      throw new IllegalArgumentException("threat model needs a norm");
    }
    if (!Double.isFinite(eps) || eps <= 0) {
      throw new IllegalArgumentException("eps must be a positive number, got " + eps);
    }
    epsText = epsText == null ? Double.toString(eps) : epsText.trim();
  }

  /**
   * Builds a threat model from its written radius.
   *
   * @param norm the norm
   * @param epsText "8/255", "0.031" or "0.5"
   * @return the threat model
   * @throws IllegalArgumentException when the radius is not a positive number or fraction
   */
  public static ThreatModel of(Norm norm, String epsText) {
    return new ThreatModel(norm, epsText, parseEps(epsText));
  }

  /**
   * Parses a radius written as a decimal or as a fraction "a/b".
   *
   * @param text the radius
   * @return its value
   * @throws IllegalArgumentException naming the text when it is not a positive finite number
   */
  public static double parseEps(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("eps is empty");
    }
    String t = text.trim();
    double value;
    try {
      int slash = t.indexOf('/');
      value =
          slash < 0
              ? Double.parseDouble(t)
              : Double.parseDouble(t.substring(0, slash).trim())
                  / Double.parseDouble(t.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("eps '" + text + "' is not a number or a fraction a/b");
    }
    if (!Double.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException("eps '" + text + "' must be a positive finite number");
    }
    return value;
  }
}
