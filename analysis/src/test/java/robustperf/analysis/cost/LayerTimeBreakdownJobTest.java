package robustperf.analysis.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.records.Hardware;
import robustperf.records.LayerProfile;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.LayerTimeRow;

class LayerTimeBreakdownJobTest {
  @TempDir static Path runs;
  private static List<LayerTimeRow> rows;

  private static LayerProfile row(String id, String phase, String category, double seconds, double wall, double plain) {
    return new LayerProfile(id, "cpu", phase, category, 10, 128, seconds, wall, plain, category.equals("other") ? null : 1e10,
        "test", Instant.EPOCH, category.equals("other") ? Map.of("flops", "not counted") : Map.of());
  }

  private static void run(String id, String method, List<LayerProfile> profile) throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(new RunManifest(id, Instant.parse("2026-11-30T00:00:00Z"),
        "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"), "small-cnn", method, Map.of(), 1, 1, 128, Precision.fp32,
        new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(), "abc", Map.of())));
    RecordFiles.write(dir.layerProfile("cpu"), LayerProfile.class, profile);
  }

  @BeforeAll
  static void profileTwoConfigurations() throws IOException {
    // Standard: 10 batches, 0.3 s of convolutions and 0.1 s of other operators in 1.0 s of wall time (0.8 s unprofiled).
    run("fm-standard-e1-s1-r0", "standard", List.of(row("fm-standard-e1-s1-r0", "step", "convolution", 0.3, 1.0, 0.8),
        row("fm-standard-e1-s1-r0", "step", "other", 0.1, 1.0, 0.8)));
    // PGD: steps 1.2 s of convolutions in 3.0 s; its attack alone 0.9 s of convolutions in 2.0 s.
    run("fm-pgd-e1-s1-r0", "pgd", List.of(row("fm-pgd-e1-s1-r0", "step", "convolution", 1.2, 3.0, 2.0),
        row("fm-pgd-e1-s1-r0", "attack", "convolution", 0.9, 2.0, 1.5)));
    MetricRecordIngest.Output in = new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    rows = new ArrayList<>(new LayerTimeBreakdownJob()
        .apply(SharedSparkSession.get(), in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.LAYER_PROFILE))
        .collectAsList().stream().map(PipelineTables.LAYER_TIME::fromRow).toList());
  }

  private static LayerTimeRow of(String configuration, String category) {
    return rows.stream().filter(r -> configuration.equals(r.configuration()) && category.equals(r.category()))
        .findFirst().orElseThrow();
  }

  @Test
  void perBatchTimesSharesAndTheUpdateAreStepMinusAttack() {
    LayerTimeRow pgd = of("fm-pgd-e1", "convolution");
    assertEquals(120.0, pgd.stepMsPerBatch(), 1e-9);
    assertEquals(90.0, pgd.attackMsPerBatch(), 1e-9);
    assertEquals(30.0, pgd.updateMsPerBatch(), 1e-9);
    assertEquals(0.4, pgd.stepShare(), 1e-12);
    assertEquals(1.5, pgd.profilerOverhead(), 1e-12);
    assertEquals(1e9, pgd.stepFlopsPerBatch(), 1e-3);
    // Outside operators: 300 - 120 ms in steps, 200 - 90 ms in the attack.
    LayerTimeRow outside = of("fm-pgd-e1", LayerTimeBreakdownJob.OUTSIDE);
    assertEquals(180.0, outside.stepMsPerBatch(), 1e-9);
    assertEquals(110.0, outside.attackMsPerBatch(), 1e-9);
  }

  @Test
  void standardTrainingHasNoAttack() {
    LayerTimeRow conv = of("fm-standard-e1", "convolution");
    assertNull(conv.attackMsPerBatch());
    assertEquals(30.0, conv.updateMsPerBatch(), 1e-9);
    assertNull(of("fm-standard-e1", "other").stepFlopsPerBatch());
    assertEquals(60.0, of("fm-standard-e1", LayerTimeBreakdownJob.OUTSIDE).stepMsPerBatch(), 1e-9);
    assertEquals(80.0, conv.stepWallMsUnprofiled(), 1e-9);
  }
}
