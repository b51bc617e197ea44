package robustperf.tables.pareto;

import java.io.Serializable;

/**
 * One of our evaluated checkpoints on the clean vs robust front of its group (table
 * {@code pareto_runs_clean_vs_robust}).
 *
 * @param group dataset/norm/eps/attack suite/checkpoint
 * @param runId the run
 * @param architecture the model
 * @param method the training method
 * @param n test images evaluated
 * @param cleanAccuracyPct clean accuracy, percent
 * @param robustAccuracyPct robust accuracy under the suite, percent
 * @param onFront on the front; null where an objective is missing
 * @param frontSize points on the group's front
 * @param excludedInGroup points of the group left out for a missing value
 */
public record RunFrontRow(
    String group, String runId, String architecture, String method, Integer n, Double cleanAccuracyPct,
    Double robustAccuracyPct, Boolean onFront, int frontSize, int excludedInGroup)
    implements Serializable {}
