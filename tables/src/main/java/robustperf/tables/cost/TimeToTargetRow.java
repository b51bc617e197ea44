package robustperf.tables.cost;

import java.io.Serializable;

/**
 * One run and target: what it took until the monitored accuracy first reached it (table
 * {@code time_to_target}).
 *
 * @param runId the run
 * @param dataset the dataset
 * @param architecture the model
 * @param method the training method
 * @param metric "robust" or "clean"
 * @param monitor the monitored evaluation
 * @param targetPct the target, percent
 * @param reached whether it was reached
 * @param epoch the first epoch at or above it, null when never
 * @param wallSeconds training seconds to the end of that epoch
 * @param trainingFlops training FLOPs to then
 * @param kwh energy to then, null where an epoch has none
 * @param electricityUsdLow the electricity's USD, low
 * @param electricityUsdHigh the electricity's USD, high
 * @param reason why a value is null
 * @param confirmedBy the full evaluation of that epoch's checkpoint, null where not kept
 * @param confirmedPct its accuracy, percent
 * @param confirmed whether it confirms the crossing; null where unchecked
 * @param sources the catalog rows behind the USD
 */
public record TimeToTargetRow(
    String runId, String dataset, String architecture, String method, String metric, String monitor, double targetPct,
    boolean reached, Integer epoch, Double wallSeconds, Double trainingFlops, Double kwh, Double electricityUsdLow,
    Double electricityUsdHigh, String reason, String confirmedBy, Double confirmedPct, Boolean confirmed, String sources)
    implements Serializable {}
