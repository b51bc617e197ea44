package robustperf.analysis.scaling;

import java.util.List;

/** The one-variable law forms compared for an error rate as a function of compute. */
public final class OneVariableLaws {
  private OneVariableLaws() {}

  /**
   * @param reference log10 compute the forms are written around (the fitted points' median)
   * @param chanceError the error at no learning, for M4 (1 - 1/classes)
   * @return power, saturating power, exponential, log-quadratic and M4
   */
  public static List<ScalingLaw> all(double reference, double chanceError) {
    return List.of(
        new PowerLaw(reference), new SaturatingPowerLaw(reference), new ExponentialLaw(reference),
        new LogQuadraticLaw(reference), new M4Law(reference, chanceError));
  }
}
