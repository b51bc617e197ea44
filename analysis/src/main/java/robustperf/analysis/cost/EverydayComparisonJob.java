package robustperf.analysis.cost;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.catalog.Catalogs;
import robustperf.records.catalog.EverydayFigure;
import robustperf.tables.cost.ComparisonRow;

/**
 * Spark job: each cost-to-target forecast set beside the everyday figures of the catalog in the
 * same quantity (CO2, kWh, USD): the forecast as a multiple of each, with its interval.
 */
public final class EverydayComparisonJob {
  private final Catalogs catalogs;

  /** @param catalogs the catalogs, whose everyday.csv supplies the figures */
  public EverydayComparisonJob(Catalogs catalogs) {
    this.catalogs = catalogs;
  }

  /**
   * @param spark the session
   * @param costs the forecast_cost_to_target table
   * @return one row per cost row, quantity and everyday figure of that quantity
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> costs) {
    List<Row> out = new ArrayList<>();
    for (Row c : costs.orderBy("group_value", "response", "target_accuracy_pct", "gpu", "precision").collectAsList()) {
      for (EverydayFigure e : catalogs.everyday()) {
        // The quantities (EverydayFigure.QUANTITIES) are the cost table's column names.
        String column = e.quantity();
        Double point = c.getAs(column);
        if (point == null) {
          continue;
        }
        Double low = c.getAs(column + "_low");
        Double high = c.getAs(column + "_high");
        String source = e.source().described();
        out.add(RecordRows.toRow(new ComparisonRow(
            c.getAs("group_value"), c.getAs("response"), c.getAs("target_accuracy_pct"), c.getAs("gpu"), c.getAs("precision"),
            e.quantity(), point, low, high, e.item(), e.value(), point / e.value(),
            low == null ? null : low / e.value(), high == null ? null : high / e.value(), source, e.note())));
      }
    }
    return spark.createDataFrame(out, RecordRows.schema(ComparisonRow.class));
  }
}
