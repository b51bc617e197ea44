package robustperf.tables.scaling;

import java.io.Serializable;

/**
 * The training FLOPs a target accuracy needs, by the chosen law fitted on all points of a group.
 *
 * @param groupValue dataset / norm / eps / monitor
 * @param dataset the dataset
 * @param response "robust_error" or "clean_error"
 * @param targetAccuracyPct the accuracy to reach, percent
 * @param form the chosen form
 * @param formula its formula
 * @param parameters fitted on all points
 * @param n points
 * @param observedMaxFlops the largest training FLOPs among the points
 * @param flops FLOPs where the law reaches the target, null with a reason when it does not
 * @param flopsCiLow 2.5th bootstrap percentile
 * @param flopsCiHigh 97.5th percentile, null when more than 2.5% of replicates never reach it
 * @param bootstrapReached replicates whose refitted law reached the target
 * @param bootstrapReplicates replicates
 * @param conformalLevel coverage of the split-conformal band, e.g. 0.9
 * @param conformalFlopsLow FLOPs where the band's optimistic edge reaches the target
 * @param conformalFlopsHigh FLOPs where its pessimistic edge does, null when never
 * @param extrapolationFactor flops / observedMaxFlops
 * @param reason why flops (or the conformal range) is null, else null
 * @param provenance how the figure was obtained
 * @param inputFilter which points, as SQL
 * @param seed the seed of the bootstrap resamples and of the conformal split
 */
public record ComputeForecastRow(
    String groupValue, String dataset, String response, double targetAccuracyPct, String form, String formula, String parameters,
    int n, double observedMaxFlops, Double flops, Double flopsCiLow, Double flopsCiHigh, int bootstrapReached,
    int bootstrapReplicates, double conformalLevel, Double conformalFlopsLow, Double conformalFlopsHigh,
    Double extrapolationFactor, String reason, String provenance, String inputFilter, long seed)
    implements Serializable {}
