package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import robustperf.ingest.schema.Component;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.EnergyTotal;
import robustperf.records.EpochMetrics;
import robustperf.tables.PipelineTables;
import robustperf.tables.Table;

/**
 * Each run's training totals from its epoch records, the one aggregation the cost jobs share.
 *
 * @param runId the run
 * @param seconds training wall seconds, summed over epochs
 * @param flops training FLOPs, summed
 * @param kwh energy of the epochs that have it, summed
 * @param incomplete epochs without energy
 * @param missing why an epoch has none
 * @param provenance "estimated" when any epoch is, else "measured"
 */
public record RunTrainingTotals(String runId, Double seconds, Double flops, Double kwh, Long incomplete, String missing, String provenance) {
  private static final String TOTAL = "energy_total";

  /**
   * @param epochs the epoch_metrics table
   * @return one row per run, with this record's columns
   */
  static Dataset<Row> of(Dataset<Row> epochs) {
    Table<EpochMetrics> e = PipelineTables.EPOCH_METRICS;
    // The epoch's energy total, an EnergyTotal struct.
    Column total = col(TOTAL);
    Column kwh = Table.field(total, EnergyTotal::kwh);
    return epochs.select(e.col(EpochMetrics::runId), e.col(EpochMetrics::wallSeconds), e.col(EpochMetrics::trainingFlops),
            EnergyTotalColumn.of(e.col(EpochMetrics::energy)).as(TOTAL))
        .groupBy(e.col(EpochMetrics::runId))
        .agg(
            sum(e.col(EpochMetrics::wallSeconds)).as(name(RunTrainingTotals::seconds)),
            sum(e.col(EpochMetrics::trainingFlops)).as(name(RunTrainingTotals::flops)),
            sum(kwh).as(name(RunTrainingTotals::kwh)),
            sum(when(kwh.isNull(), 1).otherwise(0)).as(name(RunTrainingTotals::incomplete)),
            first(Table.field(total, EnergyTotal::missingReason), true).as(name(RunTrainingTotals::missing)),
            // "estimated" sorts before "measured": one estimated epoch makes the run estimated
            min(Table.field(total, EnergyTotal::provenance)).as(name(RunTrainingTotals::provenance)));
  }

  /**
   * @param epochs the epoch_metrics table
   * @return each run's totals, by run id
   */
  public static java.util.List<RunTrainingTotals> byRun(Dataset<Row> epochs) {
    return of(epochs).collectAsList().stream().map(r -> RecordRows.fromRow(RunTrainingTotals.class, r))
        .sorted(java.util.Comparator.comparing(RunTrainingTotals::runId)).toList();
  }

  private static String name(Component<RunTrainingTotals, ?> component) {
    return component.column();
  }
}
