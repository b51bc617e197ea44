package robustperf.records;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A full evaluation of one checkpoint under an attack suite.
 *
 * @param runId the run
 * @param checkpoint best, last, or epoch (then {@code checkpointEpoch} says which)
 * @param attackSuite suite id, e.g. "autoattack-standard", "pgd-20"
 * @param suiteVersion version of our implementation of the suite
 * @param threatModel the evaluation threat model
 * @param n number of test points
 * @param cleanAccuracyPct clean accuracy over the n points, percent
 * @param robustAccuracyPct robust accuracy over the n points after the whole suite, percent
 * @param stages accuracy after each stage, in order
 * @param exampleStatus per test point, in order: {@value #MISCLASSIFIED} when the clean point is
 *     already wrong, the id of the stage that first broke it, or {@value #ROBUST}; empty when the
 *     evaluation did not record it (schema 1.0 files, PGD evaluations during training)
 * @param warnings what the checks before the attacks found (a randomized model, points with a zero or
 *     non-finite input gradient), in words; empty when every check passed or none was made
 * @param evaluatedAt when the evaluation finished, UTC
 * @param checkpointEpoch the epoch of an epoch checkpoint; null for best and last (the run's epoch
 *     records say which epochs those are) and in files before schema 1.3
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
    List<String> exampleStatus,
    List<String> warnings,
    Instant evaluatedAt,
    Integer checkpointEpoch) {

  /** Status of a point the model gets wrong before any attack. */
  public static final String MISCLASSIFIED = "misclassified";
  /** Status of a point no stage broke. */
  public static final String ROBUST = "robust";

  public EvaluationResult {
    PathSafeId.check("run id", runId);
    if (checkpoint == null || threatModel == null || evaluatedAt == null) {
      throw new IllegalArgumentException(
          "evaluation of " + runId + ": checkpoint, threat_model and evaluated_at are required");
    }
    try {
      new KeptCheckpoint(checkpoint, checkpointEpoch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("evaluation of " + runId + ": " + e.getMessage(), e);
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
    exampleStatus = exampleStatus == null ? List.of() : List.copyOf(exampleStatus);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    if (!exampleStatus.isEmpty()) {
      checkStatuses(runId, n, cleanAccuracyPct, robustAccuracyPct, stages, exampleStatus);
    }
  }

  /** @return the checkpoint evaluated, with its epoch when it is an epoch checkpoint */
  public KeptCheckpoint keptCheckpoint() {
    return new KeptCheckpoint(checkpoint, checkpointEpoch);
  }

  /** The per-point statuses must add up to the accuracies and name only the suite's stages. */
  private static void checkStatuses(
      String runId, int n, double cleanPct, double robustPct, List<AttackStage> stages, List<String> statuses) {
    if (statuses.size() != n) {
      throw new IllegalArgumentException(
          "evaluation of " + runId + ": " + statuses.size() + " example statuses for n = " + n);
    }
    Set<String> allowed = new HashSet<>(List.of(MISCLASSIFIED, ROBUST));
    stages.forEach(s -> allowed.add(s.attack()));
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String s = statuses.get(i);
      if (!allowed.contains(s)) {
        throw new IllegalArgumentException(
            "evaluation of " + runId + ": example " + i + " has status '" + s + "', expected one of " + allowed);
      }
      counts.merge(s, 1L, Long::sum);
    }
    long wrong = counts.getOrDefault(MISCLASSIFIED, 0L);
    long robust = counts.getOrDefault(ROBUST, 0L);
    if (Math.abs(100.0 * (n - wrong) / n - cleanPct) > 1e-9 || Math.abs(100.0 * robust / n - robustPct) > 1e-9) {
      throw new IllegalArgumentException(
          "evaluation of " + runId + ": example statuses give clean " + 100.0 * (n - wrong) / n + "% and robust "
              + 100.0 * robust / n + "%, the record says " + cleanPct + "% and " + robustPct + "%");
    }
    // after stage k, the robust points are those robust at the end or broken by a later stage
    long standing = robust;
    for (int k = stages.size() - 1; k >= 0; k--) {
      if (Math.abs(100.0 * standing / n - stages.get(k).robustAccuracyPct()) > 1e-9) {
        throw new IllegalArgumentException(
            "evaluation of " + runId + ": example statuses give " + 100.0 * standing / n + "% robust after stage "
                + stages.get(k).attack() + ", the record says " + stages.get(k).robustAccuracyPct() + "%");
      }
      standing += counts.getOrDefault(stages.get(k).attack(), 0L);
    }
  }
}
