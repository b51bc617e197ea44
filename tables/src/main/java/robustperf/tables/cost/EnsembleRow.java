package robustperf.tables.cost;

import java.io.Serializable;

/**
 * A logit-averaging ensemble beside its members under one attack suite (table
 * {@code ensembles_vs_members}).
 *
 * @param ensembleId the ensemble's run id
 * @param members member runs
 * @param memberMethods the members' methods
 * @param attackSuite the evaluation's suite
 * @param n test images evaluated
 * @param cleanAccuracyPct the ensemble's clean accuracy, percent
 * @param robustAccuracyPct its robust accuracy, percent
 * @param membersEvaluated members with an evaluation under the same suite
 * @param membersCleanMeanPct their mean clean accuracy
 * @param membersRobustMeanPct their mean robust accuracy
 * @param membersRobustBestPct the best member's robust accuracy
 * @param trainingSeconds summed training seconds of the members, null where one lacks them
 * @param trainingFlops summed training FLOPs
 * @param memberTrainingSecondsMean per member
 * @param inferenceFlopsPerImage summed forward FLOPs per image
 * @param missingReason why a sum is null
 * @param inferenceDevice the device of the FP32 inference benchmark
 * @param latencyP50Ms the ensemble's batch-1 median latency, ms
 * @param membersLatencyP50MeanMs its members' mean
 * @param imagesPerSecond the ensemble's throughput
 * @param membersImagesPerSecondMean its members' mean
 * @param inferenceMissingReason why the inference figures are null
 */
public record EnsembleRow(
    String ensembleId, Integer members, String memberMethods, String attackSuite, Integer n, Double cleanAccuracyPct,
    Double robustAccuracyPct, Integer membersEvaluated, Double membersCleanMeanPct, Double membersRobustMeanPct,
    Double membersRobustBestPct, Double trainingSeconds, Double trainingFlops, Double memberTrainingSecondsMean,
    Double inferenceFlopsPerImage, String missingReason, String inferenceDevice, Double latencyP50Ms,
    Double membersLatencyP50MeanMs, Double imagesPerSecond, Double membersImagesPerSecondMean,
    String inferenceMissingReason)
    implements Serializable {}
