package robustperf.tables.pareto;

import java.io.Serializable;

/**
 * A RobustBench entry on its leaderboard's clean vs AutoAttack front (table
 * {@code pareto_clean_vs_autoattack}).
 *
 * @param leaderboard the leaderboard, e.g. "cifar10/Linf"
 * @param modelId RobustBench's model id
 * @param name the paper's name for it
 * @param architecture as written by RobustBench
 * @param pubYear publication year, null where unknown
 * @param additionalData whether it trained on extra data
 * @param cleanAccPct clean accuracy, percent
 * @param autoattackAccPct AutoAttack accuracy, percent
 * @param analysisExclusion why the entry rule leaves it out (category), null when it stays
 * @param analysisExclusionReason the rule's reason in words
 * @param onFront on the front; null where an objective is missing or the entry is excluded
 * @param frontSize points on its leaderboard's front
 * @param excludedInGroup entries of its leaderboard left out (missing value or excluded)
 */
public record LeaderboardFrontRow(
    String leaderboard, String modelId, String name, String architecture, Integer pubYear, Boolean additionalData,
    Double cleanAccPct, Double autoattackAccPct, String analysisExclusion, String analysisExclusionReason,
    Boolean onFront, int frontSize, int excludedInGroup)
    implements Serializable {}
