package robustperf.analysis.cost;

import static robustperf.tables.SqlOrder.asc;
import static robustperf.tables.SqlOrder.sorted;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.Precision;
import robustperf.records.catalog.Catalogs;
import robustperf.records.catalog.GpuSpec;
import robustperf.records.catalog.GridIntensity;
import robustperf.records.catalog.Price;
import robustperf.records.catalog.PueSetting;
import robustperf.records.cost.CostModel;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.CostToTargetRow;
import robustperf.tables.scaling.ComputeForecastRow;

/**
 * Spark job: the forecast training FLOPs of each target turned into GPU-hours on every catalog GPU
 * (FP32 and FP16 tensor peaks at a stated utilization range), facility kWh (board power x PUE),
 * CO2 (grid intensity) and USD (the GPU's instance price, else the catalog's generic GPU-hour
 * range). Point figures use the FLOPs point at the middle of the utilization range; the low end
 * combines the FLOPs interval's low end with the high utilization and the low price, the high end
 * the opposite, so the interval carries both the law's and the catalog's uncertainty.
 */
public final class CostToTargetJob {
  private final RunCostJob.Options options;

  /** @param options the PUE, grid region and utilization range (those of {@link RunCostJob}) */
  public CostToTargetJob(RunCostJob.Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param forecasts the forecast_compute_to_target table
   * @return one {@link CostToTargetRow} per forecast with FLOPs, GPU and precision
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> forecasts) {
    Catalogs c = options.catalogs();
    PueSetting pue = c.pue(options.pueSetting());
    GridIntensity grid = c.gridIntensity(options.gridRegion());
    List<Price> gpuHourPrices = c.prices().stream().filter(p -> p.unit().equals("gpu_hour")).toList();
    double uLow = options.utilizationLow();
    double uHigh = options.utilizationHigh();
    double uMid = (uLow + uHigh) / 2;
    String utilization = String.format(Locale.ROOT, "%.0f%%-%.0f%% of peak, point at %.0f%% (assumed, not measured)",
        100 * uLow, 100 * uHigh, 100 * uMid);
    List<CostToTargetRow> out = new ArrayList<>();
    List<ComputeForecastRow> rows = sorted(forecasts.collectAsList().stream().map(PipelineTables.COMPUTE_FORECAST::fromRow),
        asc(ComputeForecastRow::groupValue).thenComparing(asc(ComputeForecastRow::response))
            .thenComparing(asc(ComputeForecastRow::targetAccuracyPct)));
    for (ComputeForecastRow f : rows) {
      Double flops = f.flops();
      if (flops == null) {
        continue;
      }
      Double flopsLow = f.flopsCiLow();
      Double flopsHigh = f.flopsCiHigh();
      String unbounded = flopsHigh == null
          ? "no upper end: " + (f.bootstrapReplicates() - f.bootstrapReached()) + " of "
              + f.bootstrapReplicates() + " bootstrap replicates never reach the target"
          : null;
      for (GpuSpec gpu : c.gpus()) {
        Price price = RunCostJob.priceFor(gpu, gpuHourPrices);
        for (Precision precision : List.of(Precision.fp32, Precision.fp16)) {
          double hours = CostModel.gpuHours(flops, gpu, precision, uMid);
          Double hoursLow = flopsLow == null ? null : CostModel.gpuHours(flopsLow, gpu, precision, uHigh);
          Double hoursHigh = flopsHigh == null ? null : CostModel.gpuHours(flopsHigh, gpu, precision, uLow);
          out.add(new CostToTargetRow(
              f.groupValue(), f.response(), f.targetAccuracyPct(), f.form(),
              flops, flopsLow, flopsHigh, gpu.gpu(), precision.name(), utilization,
              hours, hoursLow, hoursHigh,
              facilityKwh(hours, gpu, pue), facilityKwh(hoursLow, gpu, pue), facilityKwh(hoursHigh, gpu, pue),
              co2(hours, gpu, pue, grid), co2(hoursLow, gpu, pue, grid), co2(hoursHigh, gpu, pue, grid),
              price == null ? null : hours * (price.usdLow() + price.usdHigh()) / 2,
              price == null || hoursLow == null ? null : CostModel.computeUsd(hoursLow, price).low(),
              price == null || hoursHigh == null ? null : CostModel.computeUsd(hoursHigh, price).high(),
              price == null ? "no GPU-hour price in the catalog" : price.item(),
              unbounded,
              "estimated: forecast FLOPs / (peak x utilization); board power at TDP x PUE",
              RunCostJob.sources(gpu, pue, grid, price)));
        }
      }
    }
    return PipelineTables.COST_FORECAST.dataset(spark, out);
  }

  private static Double facilityKwh(Double hours, GpuSpec gpu, PueSetting pue) {
    return hours == null ? null : CostModel.boardKwh(hours, gpu) * pue.pue();
  }

  private static Double co2(Double hours, GpuSpec gpu, PueSetting pue, GridIntensity grid) {
    return hours == null ? null : CostModel.co2Kg(CostModel.boardKwh(hours, gpu), pue.pue(), grid);
  }
}
