package robustperf.analysis.cost;

import static robustperf.tables.SqlOrder.asc;
import static robustperf.tables.SqlOrder.sorted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.catalog.Catalogs;
import robustperf.records.catalog.EverydayFigure;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.ComparisonRow;
import robustperf.tables.cost.CostToTargetRow;

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
    List<ComparisonRow> out = new ArrayList<>();
    List<CostToTargetRow> rows = sorted(costs.collectAsList().stream().map(PipelineTables.COST_FORECAST::fromRow),
        asc(CostToTargetRow::groupValue).thenComparing(asc(CostToTargetRow::response))
            .thenComparing(asc(CostToTargetRow::targetAccuracyPct)).thenComparing(asc(CostToTargetRow::gpu))
            .thenComparing(asc(CostToTargetRow::precision)));
    for (CostToTargetRow c : rows) {
      for (EverydayFigure e : catalogs.everyday()) {
        List<Function<CostToTargetRow, Double>> quantity = QUANTITIES.get(e.quantity());
        if (quantity == null) {
          throw new IllegalArgumentException("everyday figure " + e.item() + " compares " + e.quantity()
              + ", which the cost forecast does not have; it has " + QUANTITIES.keySet());
        }
        Double point = quantity.get(0).apply(c);
        if (point == null) {
          continue;
        }
        Double low = quantity.get(1).apply(c);
        Double high = quantity.get(2).apply(c);
        String source = e.source().described();
        out.add(new ComparisonRow(
            c.groupValue(), c.response(), c.targetAccuracyPct(), c.gpu(), c.precision(),
            e.quantity(), point, low, high, e.item(), e.value(), point / e.value(),
            low == null ? null : low / e.value(), high == null ? null : high / e.value(), source, e.note()));
      }
    }
    return PipelineTables.EVERYDAY.dataset(spark, out);
  }

  /** Each quantity an everyday figure compares ({@link EverydayFigure#QUANTITIES}): the cost row's point, low and high. */
  private static final Map<String, List<Function<CostToTargetRow, Double>>> QUANTITIES = Map.of(
      "co2_kg", List.of(CostToTargetRow::co2Kg, CostToTargetRow::co2KgLow, CostToTargetRow::co2KgHigh),
      "usd", List.of(CostToTargetRow::usd, CostToTargetRow::usdLow, CostToTargetRow::usdHigh),
      "kwh", List.of(CostToTargetRow::kwh, CostToTargetRow::kwhLow, CostToTargetRow::kwhHigh));

  static {
    if (!QUANTITIES.keySet().equals(EverydayFigure.QUANTITIES)) {
      throw new IllegalStateException("the everyday catalog's quantities " + EverydayFigure.QUANTITIES
          + " and the cost forecast's " + QUANTITIES.keySet() + " differ");
    }
  }
}
