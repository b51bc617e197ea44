package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Each run's training totals from its epoch records, the one aggregation the cost jobs share. */
final class RunTrainingTotals {
  private RunTrainingTotals() {}

  /**
   * @param epochs the epoch_metrics table
   * @return per run_id: seconds and flops (sums), kwh (sum of the epochs that have it), incomplete
   *     (epochs without energy), missing (a reason), provenance ("estimated" when any epoch is)
   */
  static Dataset<Row> of(Dataset<Row> epochs) {
    return epochs.select(col("run_id"), col("wall_seconds"), col("training_flops"), EnergyTotalColumn.of(col("energy")).as("e"))
        .groupBy("run_id")
        .agg(
            sum("wall_seconds").as("seconds"), sum("training_flops").as("flops"), sum("e.kwh").as("kwh"),
            sum(when(col("e.kwh").isNull(), 1).otherwise(0)).as("incomplete"),
            first("e.missing_reason", true).as("missing"),
            // "estimated" sorts before "measured": one estimated epoch makes the run estimated
            min("e.provenance").as("provenance"));
  }
}
