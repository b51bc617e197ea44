package robustperf.records;

import java.time.Instant;
import java.util.List;

/**
 * A full evaluation of one checkpoint under an attack suite.
 *
 * @param runId the run
 * @param checkpoint best or last
 * @param attackSuite suite id, e.g. "autoattack-standard", "pgd-20"
 * @param suiteVersion version of our implementation of the suite
 * @param threatModel the evaluation threat model
 * @param n number of test points
 * @param cleanAccuracyPct clean accuracy over the n points, percent
 * @param robustAccuracyPct robust accuracy over the n points after the whole suite, percent
 * @param stages accuracy after each stage, in order
 * @param evaluatedAt when the evaluation finished, UTC
 */
public record EvaluationResult(
    String runId,
    Checkpoint checkpoint,
    String attackSuite,
    String suiteVersion,
    ThreatModel threatModel,
    int n,
    double cleanAccuracyPct,
    double robustAccuracyPct,
    List<AttackStage> stages,
    Instant evaluatedAt) {

  public EvaluationResult {
    PathSafeId.check("run id", runId);
    if (checkpoint == null || threatModel == null || evaluatedAt == null) {
      throw new IllegalArgumentException(
          "evaluation of " + runId + ": checkpoint, threat_model and evaluated_at are required");
    }
    attackSuite = MissingValues.text("attack_suite", attackSuite);
    suiteVersion = MissingValues.text("suite_version", suiteVersion);
    if (n < 1) {
      throw new IllegalArgumentException("evaluation of " + runId + ": n must be >= 1, got " + n);
    }
    MissingValues.percent("clean_accuracy_pct", cleanAccuracyPct);
    MissingValues.percent("robust_accuracy_pct", robustAccuracyPct);
    if (robustAccuracyPct > cleanAccuracyPct) {
      throw new IllegalArgumentException(
          "evaluation of "
              + runId
              + ": robust accuracy "
              + robustAccuracyPct
              + " exceeds clean accuracy "
              + cleanAccuracyPct);
    }
    stages = stages == null ? List.of() : List.copyOf(stages);
  }
}
