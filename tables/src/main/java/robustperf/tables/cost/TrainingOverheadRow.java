package robustperf.tables.cost;

import java.io.Serializable;

/**
 * One training configuration over standard training of the same model on the same machine (table
 * {@code training_overhead_vs_standard}); per-epoch figures are MLPerf-style repeat means.
 *
 * @param dataset the dataset
 * @param architecture the model
 * @param method the training method
 * @param configuration method and hyperparameters, as a label
 * @param baselineConfiguration the standard-training configuration compared with, null where none
 * @param hardware GPU / CPU model
 * @param n runs (seeds and repeats) of the configuration
 * @param secondsPerEpochMean repeat mean of the wall seconds per epoch
 * @param secondsPerEpochMin the fastest run's
 * @param secondsPerEpochMax the slowest run's
 * @param repeatRule how the mean was taken (fastest and slowest dropped from three up)
 * @param timeRatio mean seconds per epoch over the baseline's
 * @param timeRatioMin min over the baseline's max
 * @param timeRatioMax max over the baseline's min
 * @param flopsPerEpoch training FLOPs per epoch, mean over runs
 * @param attackFlopsShare the attack's share of the training FLOPs
 * @param flopsRatio FLOPs per epoch over the baseline's
 * @param energyKwhPerEpochMean repeat mean of the kWh per epoch, null where an epoch has none
 * @param energyProvenance "measured" or "estimated"
 * @param energyRatio kWh per epoch over the baseline's
 * @param co2Ratio CO2 per epoch over the baseline's (the energy ratio on one machine)
 * @param missingReason why a ratio is null
 */
public record TrainingOverheadRow(
    String dataset, String architecture, String method, String configuration, String baselineConfiguration,
    String hardware, int n, double secondsPerEpochMean, double secondsPerEpochMin, double secondsPerEpochMax,
    String repeatRule, Double timeRatio, Double timeRatioMin, Double timeRatioMax, double flopsPerEpoch,
    double attackFlopsShare, Double flopsRatio, Double energyKwhPerEpochMean, String energyProvenance,
    Double energyRatio, Double co2Ratio, String missingReason)
    implements Serializable {}
