package robustperf.analysis.regression;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import robustperf.tables.regression.FitRow;

/** One row per fit, from the per-coefficient rows of {@link FitRow}. */
public final class FitSummary {
  private FitSummary() {}

  /**
   * @param coefficients rows of {@link FitRow}
   * @return one row per fit_id: its group, formula, method, tau, estimator, n, R², adjusted R²,
   *     input filter, and a map from term to estimate
   */
  public static Dataset<Row> of(Dataset<Row> coefficients) {
    return coefficients
        .groupBy(
            col("fit_id"), col("group_value"), col("formula"), col("method"), col("tau"), col("estimator"),
            col("n"), col("r2"), col("adjusted_r2"), col("input_filter"))
        .agg(map_from_entries(collect_list(struct(col("term"), col("estimate")))).as("estimates"))
        .orderBy("fit_id");
  }
}
