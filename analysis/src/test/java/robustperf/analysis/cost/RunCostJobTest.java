package robustperf.analysis.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.records.EnergyReading;
import robustperf.records.EpochMetrics;
import robustperf.records.Hardware;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.Provenance;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.catalog.Catalogs;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.RunCostRow;

class RunCostJobTest {
  @TempDir static Path runs;
  private static List<RunCostRow> rows;

  private static void run(String id, boolean energyComplete) throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(new RunManifest(
        id, Instant.parse("2026-11-25T00:00:00Z"), "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"), "small-cnn", "pgd",
        Map.of(), 1, 2, 128, Precision.fp32, new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(), "abc", Map.of())));
    for (int epoch = 1; epoch <= 2; epoch++) {
      List<EnergyReading> energy = energyComplete
          ? List.of(new EnergyReading("cpu", 0.0008, Provenance.estimated, "tdp-x-utilization", null),
              new EnergyReading("ram", 0.0002, Provenance.estimated, "codecarbon-3W-per-8GB", null))
          : List.of(new EnergyReading("rapl", null, Provenance.measured, "rapl", "no RAPL here"),
              new EnergyReading("ram", 0.0002, Provenance.estimated, "codecarbon-3W-per-8GB", null));
      RecordFiles.write(dir.epoch(epoch), EpochMetrics.class, List.of(new EpochMetrics(
          id, epoch, 0.1, 1.0, 80.0, 50.0, "pgd-10-heldout", 100, 1800.0, 1.0, 1e15, 5e14, energy, null, null,
          Map.of("co2_kg", "later", "usd", "later"))));
    }
  }

  @BeforeAll
  static void writeRuns() throws IOException {
    run("complete", true);
    run("incomplete", false);
    MetricRecordIngest.Output in =
        new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    Catalogs catalogs = Catalogs.load(SharedSparkSession.repo().resolve("data/catalogs"));
    rows = new RunCostJob(RunCostJob.Options.defaults(catalogs))
        .apply(SharedSparkSession.get(), in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.EPOCH_METRICS))
        .collectAsList().stream().map(PipelineTables.RUN_COSTS::fromRow).toList();
  }

  private static RunCostRow row(String run, String gpu) {
    return rows.stream().filter(r -> r.runId().equals(run) && r.projectedGpu().equals(gpu)).findFirst().orElseThrow();
  }

  @Test
  void projectionFollowsTheCostModelWithTheStatedUtilization() {
    RunCostRow a100 = row("complete", "NVIDIA A100 SXM4");
    // 2e15 FLOPs at FP32 19.5 TFLOP/s: 60% utilization for the low end, 30% for the high end.
    assertEquals(2e15 / (19.5e12 * 0.6) / 3600, a100.gpuHoursLow(), 1e-15);
    assertEquals(2e15 / (19.5e12 * 0.3) / 3600, a100.gpuHoursHigh(), 1e-15);
    assertEquals(a100.gpuHoursHigh() * 0.4, a100.boardKwhHigh(), 1e-15);
    assertEquals(a100.boardKwhHigh() * 1.58 * 475 / 1000, a100.co2KgHigh(), 1e-15);
    assertEquals(a100.gpuHoursHigh() * 4.09625, a100.usdHigh(), 1e-12);
    assertTrue(a100.usdBasis().contains("A100"));
    assertTrue(a100.utilizationAssumed().contains("assumed"));
    assertTrue(a100.provenance().startsWith("estimated"));
    // every catalog row behind the projection is named with its year and the date it was taken
    assertTrue(a100.sources().startsWith("NVIDIA A100 SXM4: NVIDIA A100 Tensor Core GPU datasheet")
        && a100.sources().contains("(2020, taken 2026-11-24) | PUE 1.58: "), a100.sources());
    assertEquals("GPU-hour (Debenedetti et al. 2023 cost model)", row("complete", "NVIDIA T4").usdBasis());
    assertEquals(5 * 2, rows.size(), "two runs x five catalog GPUs");
  }

  @Test
  void measuredCostsOnlyWhereEnergyIsComplete() {
    RunCostRow complete = row("complete", "NVIDIA T4");
    assertEquals(1.0, complete.trainingHours(), 1e-12);
    assertEquals(0.002, complete.measuredKwh(), 1e-15);
    assertEquals(0.002 * 1.58 * 475 / 1000, complete.measuredCo2Kg(), 1e-15);
    assertEquals("estimated", complete.measuredEnergyProvenance());
    RunCostRow incomplete = row("incomplete", "NVIDIA T4");
    assertNull(incomplete.measuredKwh());
    assertNull(incomplete.measuredCo2Kg());
    assertTrue(incomplete.measuredMissingReason().contains("no RAPL here"));
  }
}
