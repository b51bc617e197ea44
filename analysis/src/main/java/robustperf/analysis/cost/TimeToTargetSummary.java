package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import robustperf.tables.PipelineTables;
import robustperf.tables.Table;
import robustperf.tables.cost.TimeToTargetRow;
import robustperf.tables.cost.TimeToTargetSummaryRow;

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
    Table<TimeToTargetRow> t = PipelineTables.TIME_TO_TARGET;
    Table<TimeToTargetSummaryRow> out = PipelineTables.TIME_TO_TARGET_SUMMARY;
    return timeToTarget
        .withColumn(out.column(TimeToTargetSummaryRow::configuration), ConfigurationColumn.of(t.col(TimeToTargetRow::runId)))
        .groupBy(out.col(TimeToTargetSummaryRow::configuration), t.col(TimeToTargetRow::dataset), t.col(TimeToTargetRow::method),
            t.col(TimeToTargetRow::metric), t.col(TimeToTargetRow::monitor), t.col(TimeToTargetRow::targetPct))
        .agg(
            count("*").as(out.column(TimeToTargetSummaryRow::runs)),
            sum(when(t.col(TimeToTargetRow::reached), 1).otherwise(0)).as(out.column(TimeToTargetSummaryRow::reached)),
            // exact medians (interpolated), over the runs that reached the target
            percentile(t.col(TimeToTargetRow::wallSeconds), lit(0.5)).as(out.column(TimeToTargetSummaryRow::medianWallSeconds)),
            percentile(t.col(TimeToTargetRow::trainingFlops), lit(0.5)).as(out.column(TimeToTargetSummaryRow::medianTrainingFlops)),
            percentile(t.col(TimeToTargetRow::kwh), lit(0.5)).as(out.column(TimeToTargetSummaryRow::medianKwh)),
            sum(when(t.col(TimeToTargetRow::confirmed).equalTo(true), 1).otherwise(0)).as(out.column(TimeToTargetSummaryRow::confirmed)),
            sum(when(t.col(TimeToTargetRow::confirmed).equalTo(false), 1).otherwise(0)).as(out.column(TimeToTargetSummaryRow::refuted)),
            sum(when(t.col(TimeToTargetRow::reached).and(t.col(TimeToTargetRow::confirmed).isNull()), 1).otherwise(0))
                .as(out.column(TimeToTargetSummaryRow::unchecked)),
            avg(t.col(TimeToTargetRow::confirmedPct)).as(out.column(TimeToTargetSummaryRow::confirmedPctMean)),
            first(t.col(TimeToTargetRow::sources)).as(out.column(TimeToTargetSummaryRow::sources)))
        .orderBy(out.col(TimeToTargetSummaryRow::configuration), t.col(TimeToTargetRow::metric), t.col(TimeToTargetRow::targetPct));
  }
}
