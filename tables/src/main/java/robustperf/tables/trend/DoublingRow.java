package robustperf.tables.trend;

import java.io.Serializable;

/**
 * One era of a doubling-time analysis, as a flat table row (the fields of {@link EraFit} with
 * what was fitted and how).
 *
 * @param groupValue the group, e.g. a leaderboard
 * @param metric what doubles, e.g. "1/robust_error" (its doubling is the error's halving)
 * @param eraMethod "one era", "given boundaries" or "breakpoint search (k eras, min m)"
 * @param era the era's label
 * @param fromDate first date, decimal years
 * @param toDate last date, decimal years
 * @param n points
 * @param interceptLog2 intercept of the era's line in log2 units
 * @param slopeLog2PerYear doublings per year
 * @param slopeLow lower end of the bootstrap 95% interval of the slope
 * @param slopeHigh upper end
 * @param doublingMonths months per doubling
 * @param doublingMonthsLow lower end of its 95% interval
 * @param doublingMonthsHigh upper end
 * @param r2 R² of the era's log-linear fit
 * @param note why a value is null, or null
 * @param inputFilter the filter that chose the points, as SQL
 * @param bootstrapSeed the seed of the bootstrap behind the intervals
 */
public record DoublingRow(
    String groupValue,
    String metric,
    String eraMethod,
    String era,
    double fromDate,
    double toDate,
    int n,
    double interceptLog2,
    double slopeLog2PerYear,
    double slopeLow,
    double slopeHigh,
    Double doublingMonths,
    Double doublingMonthsLow,
    Double doublingMonthsHigh,
    double r2,
    String note,
    String inputFilter,
    long bootstrapSeed)
    implements Serializable {}
