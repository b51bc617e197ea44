package robustperf.tables.trend;

import java.io.Serializable;

/**
 * When a leaderboard's trend reaches a target accuracy.
 *
 * @param leaderboard the leaderboard
 * @param response "robust_error" (AutoAttack) or "clean_error"
 * @param targetAccuracyPct the target
 * @param fit "ols, all entries" or "ols, record-setting entries"
 * @param n entries fitted
 * @param slopePerYear the trend of log10(1/error), per year
 * @param r2 R² of the line
 * @param year the decimal year the line reaches the target, null with a reason when it does not
 * @param yearCiLow 2.5th percentile over bootstrap replicates
 * @param yearCiHigh 97.5th percentile, null when more than 2.5% of replicates never reach it
 * @param bootstrapReached replicates whose line reaches the target
 * @param bootstrapReplicates replicates
 * @param bestAccuracyPct the best accuracy on the leaderboard so far
 * @param firstReachedYear the date of the first entry at or above the target, null when none is
 * @param reason why year is null, else null
 * @param provenance how the figure was obtained
 * @param inputFilter which entries, as SQL
 * @param bootstrapSeed the seed of the bootstrap behind the interval
 */
public record YearForecastRow(
    String leaderboard, String response, double targetAccuracyPct, String fit, int n, double slopePerYear, double r2, Double year,
    Double yearCiLow, Double yearCiHigh, int bootstrapReached, int bootstrapReplicates, double bestAccuracyPct,
    Double firstReachedYear, String reason, String provenance, String inputFilter, long bootstrapSeed)
    implements Serializable {}
