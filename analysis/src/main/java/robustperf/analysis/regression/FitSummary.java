package robustperf.analysis.regression;

import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import robustperf.tables.PipelineTables;
import robustperf.tables.Table;
import robustperf.tables.regression.FitRow;
import robustperf.tables.regression.FitSummaryRow;

/** One row per fit, from the per-coefficient rows of {@link FitRow}. */
public final class FitSummary {
  private FitSummary() {}

  /**
   * @param coefficients rows of {@link FitRow}
   * @return one row per fit_id: its group, formula, method, tau, estimator, n, R², adjusted R²,
   *     input filter, and a map from term to estimate
   */
  public static Dataset<Row> of(Dataset<Row> coefficients) {
    // Every FitRow table has these columns; LEADERBOARD_FITS names them.
    Table<FitRow> fits = PipelineTables.LEADERBOARD_FITS;
    return coefficients
        .groupBy(
            fits.col(FitRow::fitId), fits.col(FitRow::groupValue), fits.col(FitRow::formula), fits.col(FitRow::method),
            fits.col(FitRow::tau), fits.col(FitRow::estimator), fits.col(FitRow::n), fits.col(FitRow::r2), fits.col(FitRow::adjustedR2),
            fits.col(FitRow::inputFilter))
        .agg(map_from_entries(collect_list(struct(fits.col(FitRow::term), fits.col(FitRow::estimate))))
            .as(PipelineTables.LEADERBOARD_FIT_SUMMARY.column(FitSummaryRow::estimates)))
        .orderBy(fits.col(FitRow::fitId));
  }
}
