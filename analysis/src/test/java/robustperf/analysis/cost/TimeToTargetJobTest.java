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
import robustperf.records.AttackStage;
import robustperf.records.Checkpoint;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.Hardware;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.catalog.Catalogs;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;

class TimeToTargetJobTest {
  private static final Path CATALOGS = Path.of(System.getProperty("robustperf.repo"), "data", "catalogs");
  @TempDir static Path runs;
  private static List<Row> rows;

  private static void run(String id, double[] monitored, double bestPgd20, double lastPgd20) throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(new RunManifest(id, Instant.parse("2026-11-30T00:00:00Z"),
        "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"), "small-cnn", "pgd-7", Map.of(), 1, monitored.length, 128, Precision.fp32,
        new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(), "abc", Map.of())));
    for (int e = 1; e <= monitored.length; e++) {
      RecordFiles.write(dir.epoch(e), EpochMetrics.class, List.of(new EpochMetrics(id, e, 0.1, 1.0, 80.0, monitored[e - 1],
          "pgd-10-heldout", 500, 10.0, 1.0, 1e12, 5e11, List.of(), null, null, Map.of("co2_kg", "later", "usd", "later"))));
    }
    for (Checkpoint c : Checkpoint.values()) {
      double robust = c == Checkpoint.best ? bestPgd20 : lastPgd20;
      RecordFiles.write(dir.evaluation(c, "pgd-20"), EvaluationResult.class, List.of(new EvaluationResult(id, c, "pgd-20", "t",
          ThreatModel.of(Norm.Linf, "0.1"), 10000, 80.0, robust, List.of(new AttackStage("pgd-20", robust, 1.0)), List.of(), List.of(),
          Instant.EPOCH)));
    }
  }

  @BeforeAll
  static void twoRuns() throws IOException {
    // Crosses 65% at epoch 2, its best epoch (the last, 3, falls back): the best checkpoint confirms it.
    run("fm-a-e3-s1-r0", new double[] {50, 66, 64}, 65.5, 63.0);
    // Crosses at epoch 1, neither best (3) nor last: that checkpoint was not kept.
    run("fm-b-e3-s1-r0", new double[] {66, 67, 68}, 64.0, 64.0);
    MetricRecordIngest.Output in = new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    TimeToTargetJob.Options defaults = TimeToTargetJob.Options.defaults(Catalogs.load(CATALOGS));
    rows = new TimeToTargetJob(new TimeToTargetJob.Options(List.of(new TimeToTargetJob.Target("robust", 65)), defaults.catalogs(),
            defaults.pueSetting()))
        .apply(SharedSparkSession.get(), in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.EPOCH_METRICS),
            in.tables().get(RecordKind.EVALUATION))
        .collectAsList();
  }

  private static Row of(String run) {
    return rows.stream().filter(r -> run.equals(r.getAs("run_id"))).findFirst().orElseThrow();
  }

  @Test
  void aCrossingAtTheBestEpochIsConfirmedByTheBestCheckpoint() {
    Row a = of("fm-a-e3-s1-r0");
    assertEquals(2, a.<Integer>getAs("epoch"));
    assertEquals(20.0, a.<Double>getAs("wall_seconds"), 1e-9);
    assertEquals(65.5, a.<Double>getAs("confirmed_pct"), 1e-12);
    assertTrue(a.<Boolean>getAs("confirmed"));
    assertEquals("pgd-20 on 10000 test images, best checkpoint (epoch 2)", a.getAs("confirmed_by"));
  }

  @Test
  void aCrossingWhoseCheckpointWasNotKeptSaysSo() {
    Row b = of("fm-b-e3-s1-r0");
    assertEquals(1, b.<Integer>getAs("epoch"));
    assertNull(b.getAs("confirmed"));
    assertTrue(b.<String>getAs("reason").contains("epoch 1's checkpoint was not kept (only the best, epoch 3, and the last are)"),
        b.<String>getAs("reason"));
  }
}
