package robustperf.analysis.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.analysis.cost.CostToTargetJob;
import robustperf.analysis.cost.EverydayComparisonJob;
import robustperf.analysis.cost.RunCostJob;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.records.EpochMetrics;
import robustperf.records.Hardware;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.catalog.Catalogs;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.ComparisonRow;
import robustperf.tables.cost.CostToTargetRow;
import robustperf.tables.regression.FitRow;
import robustperf.tables.scaling.ComputeForecastRow;
import robustperf.tables.scaling.LawChoiceRow;

class ScalingForecastJobTest {
  private static final Path CATALOGS = Path.of(System.getProperty("robustperf.repo"), "data", "catalogs");
  // Robust error on the monitor follows log10(1/err) = 0.3 + 0.2 * (log10 C - 13), C = training FLOPs so far.
  private static final double A = 0.3;
  private static final double B = 0.2;
  @TempDir static Path runs;
  private static ScalingForecastJob.Output output;

  private static void run(String id, String method, double flopsPerEpoch, int epochs, long seed) throws IOException {
    run(id, method, flopsPerEpoch, epochs, seed, "0.1");
  }

  private static void run(String id, String method, double flopsPerEpoch, int epochs, long seed, String eps) throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(new RunManifest(id, Instant.parse("2026-11-30T00:00:00Z"),
        "fashion-mnist", ThreatModel.of(Norm.Linf, eps), "small-cnn", method, Map.of(), 1, epochs, 128, Precision.fp32,
        new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(), "abc", Map.of())));
    java.util.Random noise = new java.util.Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double c = flopsPerEpoch * epoch;
      double err = Math.pow(10, -(A + B * (Math.log10(c) - 13))) * Math.exp(0.005 * noise.nextGaussian());
      double robust = method.equals("standard") ? 2.0 : 100 * (1 - err);
      RecordFiles.write(dir.epoch(epoch), EpochMetrics.class, List.of(new EpochMetrics(id, epoch, 0.1, 1.0, 80.0, robust,
          "pgd-10-heldout", 100, 1.0, 1.0, flopsPerEpoch, flopsPerEpoch / 2, List.of(), null, null,
          Map.of("co2_kg", "later", "usd", "later"))));
    }
  }

  @BeforeAll
  static void writeRunsOnAKnownLaw() throws IOException {
    for (int r = 1; r <= 12; r++) {
      run("fm-pgd-r" + r + "-e4-s1-r0", "pgd", r * 1e12, 4, r);
    }
    run("fm-standard-e4-s1-r0", "standard", 1e12, 4, 99);
    // A second threat model with two runs of one epoch at the same compute: too few to choose a law.
    run("fm-pgd-eps2-a-e1-s1-r0", "pgd", 1e12, 1, 5, "0.2");
    run("fm-pgd-eps2-b-e1-s1-r0", "pgd", 1e12, 1, 6, "0.2");
    MetricRecordIngest.Output in =
        new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    ScalingForecastJob.Options defaults = ScalingForecastJob.Options.defaults();
    output = new ScalingForecastJob(new ScalingForecastJob.Options(defaults.targets(), defaults.classes(), 200, 0.1, 1, defaults.choice()))
        .run(SharedSparkSession.get(), in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.EPOCH_METRICS));
  }

  @Test
  void choosesThePowerLawAndInvertsItAtEachTarget() {
    List<LawChoiceRow> choices = PipelineTables.SCALING_CHOICE.fromRows(
        output.choices().filter("response = 'robust_error' AND group_value LIKE '%/0.1/%'").orderBy("rank"));
    assertEquals(5, choices.size(), "five forms scored");
    LawChoiceRow chosen = choices.stream().filter(r -> r.chosen()).findFirst().orElseThrow();
    assertEquals("power", chosen.form());
    assertEquals(48, chosen.nFit() + chosen.nHeldOut(), "the standard run's points are not taken");
    for (ComputeForecastRow f : PipelineTables.COMPUTE_FORECAST.fromRows(
        output.forecasts().filter("response = 'robust_error' AND group_value LIKE '%/0.1/%'"))) {
      double target = f.targetAccuracyPct();
      double expected = Math.pow(10, 13 + (Math.log10(100 / (100 - target)) - A) / B);
      assertEquals(expected, f.flops(), 0.05 * expected, "target " + target);
      assertTrue(f.flopsCiLow() <= f.flops() && f.flops() <= f.flopsCiHigh());
      assertTrue(f.conformalFlopsLow() < f.conformalFlopsHigh());
      assertEquals(f.flops() / 4.8e13, f.extrapolationFactor(), 1e-9);
    }
  }

  @Test
  void thompsonFitsOnTheSamePointsRecoverTheSlope() {
    List<FitRow> slopes = PipelineTables.RUNS_COMPUTE_FITS.fromRows(output.fits()
        .filter("group_value LIKE '%/0.1/%' AND formula LIKE 'log10(1/robust_error)%' AND term = 'log10_training_flops'"));
    assertEquals(2, slopes.size(), "OLS and tau = 0.1");
    for (FitRow r : slopes) {
      assertEquals(B, r.estimate(), 0.01, r.method());
    }
  }

  @Test
  void aGroupTooSmallForALawGetsAReasonNotAGuess() {
    List<ComputeForecastRow> small = PipelineTables.COMPUTE_FORECAST.fromRows(
        output.forecasts().filter("group_value LIKE '%/0.2/%' AND response = 'robust_error'"));
    assertEquals(3, small.size());
    for (ComputeForecastRow f : small) {
      assertNull(f.flops());
      assertNull(f.form());
      assertTrue(f.reason().startsWith("no law chosen: extrapolation choice needs"), f.reason());
    }
    assertEquals(0, output.choices().filter("group_value LIKE '%/0.2/%'").count());
  }

  @Test
  void aTargetTheLawNeverReachesSaysWhy() {
    // Clean accuracy is 80% at every checkpoint: no law reaches 85% or 90%.
    for (ComputeForecastRow f : PipelineTables.COMPUTE_FORECAST.fromRows(
        output.forecasts().filter("response = 'clean_error' AND group_value LIKE '%/0.1/%'"))) {
      assertNull(f.flops());
      assertNotNull(f.reason());
    }
  }

  @Test
  void costsAndEverydayMultiplesFollowTheCatalogRows() {
    Catalogs catalogs = Catalogs.load(CATALOGS);
    Dataset<Row> costs = new CostToTargetJob(RunCostJob.Options.defaults(catalogs)).apply(SharedSparkSession.get(), output.forecasts());
    // Only the forecasts with FLOPs are costed: the small group's and the unreached clean targets are not.
    assertEquals(3 * catalogs.gpus().size() * 2, costs.count(), "robust targets x GPUs x precisions; unreached clean targets cost nothing");
    CostToTargetRow h100 = PipelineTables.COST_FORECAST.fromRow(
        costs.filter("target_accuracy_pct = 70 AND gpu = 'NVIDIA H100 SXM' AND precision = 'fp16'").first());
    double flops = h100.flops();
    double hours = flops / (989e12 * 0.45) / 3600;
    assertEquals(hours, h100.gpuHours(), 1e-9 * hours);
    assertEquals(hours * 0.7 * 1.58, h100.kwh(), 1e-9 * hours);
    assertEquals(hours * 0.7 * 1.58 * 0.475, h100.co2Kg(), 1e-9 * hours);
    assertEquals(hours * 12.29, h100.usd(), 1e-9 * hours);
    assertEquals(h100.flopsLow() / (989e12 * 0.6) / 3600, h100.gpuHoursLow(), 1e-9 * hours);
    assertTrue(h100.sources().contains("taken 2026-11-24"));

    ComparisonRow flight = PipelineTables.EVERYDAY.fromRow(new EverydayComparisonJob(catalogs).apply(SharedSparkSession.get(), costs)
        .filter("target_accuracy_pct = 70 AND gpu = 'NVIDIA H100 SXM' AND precision = 'fp16' AND item LIKE 'Air travel%'").first());
    assertEquals(h100.co2Kg() / 899.93, flight.multiple(), 1e-12);
    assertEquals("co2_kg", flight.quantity());
  }
}
