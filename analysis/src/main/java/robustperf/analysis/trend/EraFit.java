package robustperf.analysis.trend;

import robustperf.tables.trend.DoublingRow;

import java.io.Serializable;

/**
 * A log2-linear fit of a metric on the date within one era.
 *
 * @param era label, e.g. "2017.2-2020.5"
 * @param from first date in the era, decimal years
 * @param to last date in the era, decimal years
 * @param n points in the era
 * @param interceptLog2 intercept of the era's line: log2(metric) = intercept + slope * date
 * @param slopeLog2PerYear doublings per year (negative: halvings)
 * @param slopeLow lower end of the bootstrap 95% interval of the slope
 * @param slopeHigh upper end of that interval
 * @param doublingMonths 12 / slope: months per doubling (negative: per halving); null when the
 *     slope is 0
 * @param doublingMonthsLow lower end of its 95% interval, null when the slope interval contains 0
 * @param doublingMonthsHigh upper end of its 95% interval, null when the slope interval contains 0
 * @param r2 coefficient of determination of the era's fit
 * @param note why a value is null, or null
 */
public record EraFit(
    String era,
    double from,
    double to,
    int n,
    double interceptLog2,
    double slopeLog2PerYear,
    double slopeLow,
    double slopeHigh,
    Double doublingMonths,
    Double doublingMonthsLow,
    Double doublingMonthsHigh,
    double r2,
    String note)
    implements Serializable {
  /**
   * @param group the group fitted, e.g. a leaderboard
   * @param metric what halves or doubles, e.g. "1/robust_error"
   * @param method how the eras were chosen
   * @param filter the filter that chose the points, as SQL
   * @param seed the seed of the bootstrap behind the intervals
   * @return this era's fit as a row of the doubling table
   */
  public DoublingRow row(String group, String metric, String method, String filter, long seed) {
    return new DoublingRow(
        group, metric, method, era, from, to, n, interceptLog2, slopeLog2PerYear, slopeLow,
        slopeHigh, doublingMonths, doublingMonthsLow, doublingMonthsHigh, r2,
        note, filter, seed);
  }
}
