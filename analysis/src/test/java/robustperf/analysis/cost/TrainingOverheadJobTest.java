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
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.TrainingOverheadRow;

class TrainingOverheadJobTest {
  @TempDir static Path runs;
  private static List<TrainingOverheadRow> rows;

  private static void run(String id, String architecture, String method, long seed, double seconds, Double kwh)
      throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(new RunManifest(
        id, Instant.parse("2026-11-25T00:00:00Z"), "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"), architecture,
        method, method.equals("pgd") ? Map.of("steps", "2", "repeat", "0", "train_examples", "100") : Map.of("repeat", "0", "train_examples", "100"),
        seed, 2, 128, Precision.fp32, new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(), "abc", Map.of())));
    double flops = method.equals("pgd") ? 7e12 : 3e12;
    for (int epoch = 1; epoch <= 2; epoch++) {
      List<EnergyReading> energy = kwh == null
          ? List.of(new EnergyReading("cpu-package0", null, Provenance.measured, "rapl", "permission denied"),
              new EnergyReading("ram", 1e-6, Provenance.estimated, "codecarbon-3W-per-8GB", null))
          : List.of(new EnergyReading("cpu", kwh, Provenance.estimated, "tdp-x-utilization", null),
              new EnergyReading("ram", 0.0, Provenance.estimated, "codecarbon-3W-per-8GB", null));
      RecordFiles.write(dir.epoch(epoch), EpochMetrics.class, List.of(new EpochMetrics(
          id, epoch, 0.1, 1.0, 80.0, 50.0, "pgd-10-heldout", 100, seconds, 100 / seconds, flops,
          method.equals("pgd") ? 4e12 : 0.0, energy, null, null, Map.of("co2_kg", "later", "usd", "later"))));
    }
  }

  @BeforeAll
  static void writeRuns() throws IOException {
    // standard: 10, 11, 30 s per epoch -> MLPerf mean 11 (30 and 10 dropped); pgd: 20, 22, 24 -> 22.
    run("std-s1", "small-cnn", "standard", 1, 10, 0.001);
    run("std-s2", "small-cnn", "standard", 2, 11, 0.001);
    run("std-s3", "small-cnn", "standard", 3, 30, 0.001);
    run("pgd-s1", "small-cnn", "pgd", 1, 20, 0.0025);
    run("pgd-s2", "small-cnn", "pgd", 2, 22, 0.0025);
    run("pgd-s3", "small-cnn", "pgd", 3, 24, 0.0025);
    // another model without a standard run, and with an unreadable meter
    run("other-s1", "preact-resnet-18", "pgd", 1, 50, null);
    MetricRecordIngest.Output ingested =
        new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    rows = new TrainingOverheadJob()
        .apply(SharedSparkSession.get(), ingested.tables().get(RecordKind.RUN_MANIFEST), ingested.tables().get(RecordKind.EPOCH_METRICS))
        .orderBy("architecture", "method")
        .collectAsList().stream().map(PipelineTables.TRAINING_OVERHEAD::fromRow).toList();
  }

  private static TrainingOverheadRow row(String architecture, String method) {
    return rows.stream()
        .filter(r -> r.architecture().equals(architecture) && r.method().equals(method))
        .findFirst().orElseThrow();
  }

  @Test
  void ratiosAreOfMlperfMeansOverSeeds() {
    assertEquals(3, rows.size());
    TrainingOverheadRow pgd = row("small-cnn", "pgd");
    assertEquals(3, pgd.n());
    assertEquals(22.0, pgd.secondsPerEpochMean(), 1e-12);
    assertEquals(2.0, pgd.timeRatio(), 1e-12);
    assertEquals(20.0 / 30, pgd.timeRatioMin(), 1e-12);
    assertEquals(24.0 / 10, pgd.timeRatioMax(), 1e-12);
    assertEquals(7.0 / 3, pgd.flopsRatio(), 1e-12);
    assertEquals(4.0 / 7, pgd.attackFlopsShare(), 1e-12);
    assertEquals(2.5, pgd.energyRatio(), 1e-12);
    assertEquals(2.5, pgd.co2Ratio(), 1e-12);
    assertEquals("pgd-s", pgd.configuration().toString().substring(0, 5));
    TrainingOverheadRow standard = row("small-cnn", "standard");
    assertEquals(1.0, standard.timeRatio(), 1e-12);
    assertNull(standard.missingReason());
  }

  @Test
  void noBaselineOrIncompleteEnergyGiveNullsWithReasons() {
    TrainingOverheadRow other = row("preact-resnet-18", "pgd");
    assertNull(other.timeRatio());
    assertNull(other.energyKwhPerEpochMean());
    String reason = other.missingReason();
    assertTrue(reason.contains("no standard-training configuration"), reason);
    assertTrue(reason.contains("cpu-package0: permission denied"), reason);
  }
}
