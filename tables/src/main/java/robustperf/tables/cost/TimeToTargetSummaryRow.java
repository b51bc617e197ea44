package robustperf.tables.cost;

import java.io.Serializable;

/**
 * Time to target per configuration, metric and target (table {@code time_to_target_summary}).
 *
 * @param configuration method and hyperparameters, as a label
 * @param dataset the dataset
 * @param method the training method
 * @param metric "robust" or "clean"
 * @param monitor the monitored evaluation
 * @param targetPct the target, percent
 * @param runs runs of the configuration
 * @param reached of those, how many reached it
 * @param medianWallSeconds median seconds to it over those that reached it
 * @param medianTrainingFlops median training FLOPs to it
 * @param medianKwh median kWh to it
 * @param confirmed crossings a full evaluation confirmed
 * @param refuted crossings it refuted
 * @param unchecked crossings whose checkpoint was not kept
 * @param confirmedPctMean mean accuracy of those full evaluations, percent
 * @param sources the catalog rows behind the USD
 */
public record TimeToTargetSummaryRow(
    String configuration, String dataset, String method, String metric, String monitor, Double targetPct, long runs,
    Long reached, Double medianWallSeconds, Double medianTrainingFlops, Double medianKwh, Long confirmed, Long refuted,
    Long unchecked, Double confirmedPctMean, String sources)
    implements Serializable {}
