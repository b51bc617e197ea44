package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The time-to-target table per configuration: of its seeds and repeats, how many reached each
 * target, their median time, FLOPs and energy to get there, and how many of those crossings a full
 * evaluation of the crossing epoch's checkpoint confirmed, refuted or could not check.
 */
public final class TimeToTargetSummary {
  private TimeToTargetSummary() {}

  /**
   * @param timeToTarget rows of {@link TimeToTargetJob}
   * @return one row per configuration, metric and target
   */
  public static Dataset<Row> of(Dataset<Row> timeToTarget) {
    return timeToTarget
        .withColumn("configuration", ConfigurationColumn.of())
        .groupBy("configuration", "dataset", "method", "metric", "monitor", "target_pct")
        .agg(
            count("*").as("runs"),
            sum(when(col("reached"), 1).otherwise(0)).as("reached"),
            // exact medians (interpolated), over the runs that reached the target
            expr("percentile(wall_seconds, 0.5)").as("median_wall_seconds"),
            expr("percentile(training_flops, 0.5)").as("median_training_flops"),
            expr("percentile(kwh, 0.5)").as("median_kwh"),
            sum(when(col("confirmed").equalTo(true), 1).otherwise(0)).as("confirmed"),
            sum(when(col("confirmed").equalTo(false), 1).otherwise(0)).as("refuted"),
            sum(when(col("reached").and(col("confirmed").isNull()), 1).otherwise(0)).as("unchecked"),
            expr("avg(confirmed_pct)").as("confirmed_pct_mean"),
            first("sources").as("sources"))
        .orderBy("configuration", "metric", "target_pct");
  }
}
