package robustperf.tables.pareto;

import java.io.Serializable;

/**
 * A leaderboard entry on a front of clean and AutoAttack accuracy against training or inference
 * FLOPs (table {@code pareto_leaderboard_compute}).
 *
 * @param group leaderboard | FLOPs kind | entry set
 * @param leaderboard the leaderboard
 * @param modelId RobustBench's model id
 * @param architecture normalized architecture
 * @param pubDate publication date, decimal years
 * @param cleanAccPct clean accuracy, percent
 * @param autoattackAccPct AutoAttack accuracy, percent
 * @param flops training (central) or inference FLOPs
 * @param flopsKind "training" or "inference"
 * @param inputFilter the entry set, as SQL
 * @param restsOnLowFigures whether the FLOPs rest on a low-confidence figure
 * @param onFront on the front; null where an objective is missing
 * @param frontSize points on the group's front
 * @param excludedInGroup points of the group left out for a missing value
 */
public record ComputeFrontRow(
    String group, String leaderboard, String modelId, String architecture, Double pubDate, Double cleanAccPct,
    Double autoattackAccPct, Double flops, String flopsKind, String inputFilter, Boolean restsOnLowFigures,
    Boolean onFront, int frontSize, int excludedInGroup)
    implements Serializable {}
