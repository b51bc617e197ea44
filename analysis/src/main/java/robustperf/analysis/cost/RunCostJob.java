package robustperf.analysis.cost;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.catalog.Catalogs;
import robustperf.records.catalog.GpuSpec;
import robustperf.records.catalog.GridIntensity;
import robustperf.records.catalog.Price;
import robustperf.records.catalog.PueSetting;
import robustperf.records.cost.CostModel;
import robustperf.records.cost.Range;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.RunCostRow;

/**
 * Spark job: what each of our runs cost, measured and projected. Measured: training hours and,
 * where every epoch's energy is complete, kWh, then CO2 = kWh x PUE x grid intensity and the
 * electricity's USD. Projected onto every catalog GPU: the run's counted training FLOPs at a
 * stated range of achieved utilization give GPU-hours (low at the high utilization), board kWh
 * (TDP, an upper-end draw), CO2 and USD from the catalog's GPU-hour prices. Every row names the
 * catalog rows and the assumption it used; projected figures are labelled estimated.
 */
public final class RunCostJob {
  /**
   * @param catalogs the loaded catalogs
   * @param pueSetting the PUE row to apply (by its setting name)
   * @param gridRegion the grid-intensity row (by its region name)
   * @param utilizationLow the lower achieved fraction of peak FLOP/s
   * @param utilizationHigh the higher one
   */
  public record Options(Catalogs catalogs, String pueSetting, String gridRegion, double utilizationLow, double utilizationHigh) {
    public Options {
      if (!(utilizationLow > 0 && utilizationLow <= utilizationHigh && utilizationHigh <= 1)) {
        throw new IllegalArgumentException("utilization range must satisfy 0 < low <= high <= 1");
      }
    }

    /**
     * The defaults: the data-centre average PUE (carbontracker's 1.58) and the world grid
     * (CodeCarbon's 475 g/kWh), utilization 30% to 60% of peak: an assumption, stated in every row.
     *
     * @param catalogs the loaded catalogs
     * @return the options
     */
    public static Options defaults(Catalogs catalogs) {
      return new Options(catalogs, "data-centre average (carbontracker default)", "world (CodeCarbon default)", 0.3, 0.6);
    }
  }

  private final Options options;

  public RunCostJob(Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @return one row per run and catalog GPU
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> manifests, Dataset<Row> epochs) {
    Catalogs c = options.catalogs();
    PueSetting pue = c.pue(options.pueSetting());
    GridIntensity grid = c.gridIntensity(options.gridRegion());
    Price electricity = c.electricityPrice();
    List<Price> gpuHourPrices = c.prices().stream().filter(p -> p.unit().equals("gpu_hour")).toList();

    Map<String, RunManifest> manifestOf = new HashMap<>();
    PipelineTables.RUN_MANIFEST.fromRows(manifests).forEach(m -> manifestOf.put(m.runId(), m));

    String utilization = String.format(Locale.ROOT, "%.0f%%-%.0f%% of peak (assumed, not measured)",
        100 * options.utilizationLow(), 100 * options.utilizationHigh());
    List<RunCostRow> out = new ArrayList<>();
    for (RunTrainingTotals r : RunTrainingTotals.byRun(epochs)) {
      RunManifest m = manifestOf.get(r.runId());
      if (m == null) {
        continue; // epochs of a run without a manifest: nothing to name it by
      }
      double flops = r.flops();
      boolean complete = r.incomplete() == 0L;
      Double kwh = complete ? r.kwh() : null;
      Precision precision = m.precision();
      for (GpuSpec gpu : c.gpus()) {
        double hoursLow = CostModel.gpuHours(flops, gpu, precision, options.utilizationHigh());
        double hoursHigh = CostModel.gpuHours(flops, gpu, precision, options.utilizationLow());
        double kwhLow = CostModel.boardKwh(hoursLow, gpu);
        double kwhHigh = CostModel.boardKwh(hoursHigh, gpu);
        Price price = priceFor(gpu, gpuHourPrices);
        Range usd = price == null ? null : new Range(
            CostModel.computeUsd(hoursLow, price).low(), CostModel.computeUsd(hoursHigh, price).high());
        out.add(new RunCostRow(
            r.runId(), m.dataset(), m.architecture(), m.method(), ConfigurationColumn.machine(m.hardware()),
            r.seconds() / 3600, flops,
            kwh, complete ? r.provenance() : null,
            kwh == null ? null : CostModel.co2Kg(kwh, pue.pue(), grid),
            kwh == null || electricity == null ? null : CostModel.energyUsd(kwh, pue.pue(), electricity).high(),
            complete ? null : "energy incomplete: " + r.missing(),
            gpu.gpu(), precision.name(), utilization, hoursLow, hoursHigh, kwhLow, kwhHigh,
            CostModel.co2Kg(kwhLow, pue.pue(), grid), CostModel.co2Kg(kwhHigh, pue.pue(), grid),
            usd == null ? null : usd.low(), usd == null ? null : usd.high(),
            price == null ? "no GPU-hour price in the catalog" : price.item(),
            "estimated: FLOPs / (peak x utilization); board power at TDP",
            sources(gpu, pue, grid, price)));
      }
    }
    return PipelineTables.RUN_COSTS.dataset(spark, out);
  }

  /**
   * The on-demand price of an instance with this GPU where the catalog has one (matched by the
   * GPU's model name, e.g. "A100" in "AWS p4d.24xlarge (8x A100)"), else the catalog's generic
   * GPU-hour range.
   */
  /** The catalog rows behind a projection, each with its source, year and the date it was taken. */
  static String sources(GpuSpec gpu, PueSetting pue, GridIntensity grid, Price price) {
    return String.join(" | ", gpu.gpu() + ": " + gpu.source().described(),
        "PUE " + pue.pue() + ": " + pue.source().described(),
        grid.region() + " " + grid.gramsCo2PerKwh() + " g/kWh: " + grid.source().described(),
        price == null ? "no price" : price.item() + ": " + price.source().described());
  }

  static Price priceFor(GpuSpec gpu, List<Price> gpuHourPrices) {
    String[] words = gpu.gpu().split(" ");
    String model = words.length > 1 ? words[1] : gpu.gpu();
    return gpuHourPrices.stream().filter(p -> p.item().contains(model)).findFirst()
        .or(() -> gpuHourPrices.stream().filter(p -> p.item().startsWith("GPU-hour")).findFirst())
        .orElse(null);
  }
}
