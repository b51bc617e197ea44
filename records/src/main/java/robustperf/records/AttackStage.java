package robustperf.records;

/**
 * One stage of an attack suite, e.g. APGD-CE within AutoAttack.
 *
 * @param attack the stage's attack id, e.g. "apgd-ce", "apgd-t", "fab-t", "square"
 * @param robustAccuracyPct robust accuracy over all n points after this stage, percent
 * @param seconds wall seconds the stage took
 */
public record AttackStage(String attack, double robustAccuracyPct, double seconds) {

  public AttackStage {
    attack = MissingValues.text("attack", attack);
    MissingValues.percent("robust_accuracy_pct", robustAccuracyPct);
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("stage " + attack + ": seconds must be >= 0, got " + seconds);
    }
  }
}
