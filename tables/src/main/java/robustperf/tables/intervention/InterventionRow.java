package robustperf.tables.intervention;

import java.io.Serializable;

/**
 * One intervention's gain in robust accuracy and what it costs in compute.
 *
 * @param basis "predicted: ..." (a regression over leaderboard entries) or "measured: ..." (our runs)
 * @param groupValue the leaderboard, or dataset / architecture / threat / attack of our runs
 * @param intervention what changes, e.g. "double the WRN width"
 * @param gainPct robust accuracy gained, percentage points
 * @param gainCiLowPct 95% interval, low end (HC1 for regressions, Welch t for measured differences)
 * @param gainCiHighPct high end
 * @param computeFactor training FLOPs after over before, null when unknown
 * @param computeBasis where the factor comes from, or why it is unknown
 * @param gainPerComputeDoublingPct gainPct / log2(computeFactor); null when the factor is unknown or 1
 * @param rank within the group, by gain per compute doubling (unranked: null)
 * @param n observations behind the figure
 * @param r2 R² of the regression (predicted), null for measured
 * @param model the regression formula or the comparison made
 * @param inputFilter which rows, as SQL
 */
public record InterventionRow(
    String basis, String groupValue, String intervention, double gainPct, Double gainCiLowPct, Double gainCiHighPct,
    Double computeFactor, String computeBasis, Double gainPerComputeDoublingPct, Integer rank, long n, Double r2, String model,
    String inputFilter)
    implements Serializable {

  /**
   * @param newRank the rank within its group, null for unranked
   * @return this row with that rank
   */
  public InterventionRow ranked(Integer newRank) {
    return new InterventionRow(basis, groupValue, intervention, gainPct, gainCiLowPct, gainCiHighPct, computeFactor, computeBasis,
        gainPerComputeDoublingPct, newRank, n, r2, model, inputFilter);
  }
}
