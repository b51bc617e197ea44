package robustperf.analysis.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.records.AttackStage;
import robustperf.records.Checkpoint;
import robustperf.records.KeptCheckpoint;
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
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.TimeToTargetRow;
import robustperf.tables.cost.TimeToTargetSummaryRow;

class TimeToTargetJobTest {
  private static final Path CATALOGS = Path.of(System.getProperty("robustperf.repo"), "data", "catalogs");
  @TempDir static Path runs;
  private static List<TimeToTargetRow> rows;
  private static List<TimeToTargetSummaryRow> summary;

  private static void run(String id, double[] monitored, double bestPgd20, double lastPgd20) throws IOException {
    run(id, monitored, bestPgd20, lastPgd20, Map.of());
  }

  /** A run whose final PGD-20 evaluations are as given, with {@code epochPgd20} for epoch checkpoints it kept. */
  private static void run(String id, double[] monitored, double bestPgd20, double lastPgd20, Map<Integer, Double> epochPgd20)
      throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(new RunManifest(id, Instant.parse("2026-11-30T00:00:00Z"),
        "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"), "small-cnn", "pgd-7", Map.of(), 1, monitored.length, 128, Precision.fp32,
        new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(), "abc", Map.of())));
    for (int e = 1; e <= monitored.length; e++) {
      RecordFiles.write(dir.epoch(e), EpochMetrics.class, List.of(new EpochMetrics(id, e, 0.1, 1.0, 80.0, monitored[e - 1],
          "pgd-10-heldout", 500, 10.0, 1.0, 1e12, 5e11, List.of(), null, null, Map.of("co2_kg", "later", "usd", "later"))));
    }
    Map<KeptCheckpoint, Double> evaluated = new java.util.LinkedHashMap<>(Map.of(KeptCheckpoint.BEST, bestPgd20, KeptCheckpoint.LAST, lastPgd20));
    epochPgd20.forEach((epoch, robust) -> evaluated.put(KeptCheckpoint.ofEpoch(epoch), robust));
    for (Map.Entry<KeptCheckpoint, Double> c : evaluated.entrySet()) {
      double robust = c.getValue();
      RecordFiles.write(dir.evaluation(c.getKey(), "pgd-20"), EvaluationResult.class, List.of(new EvaluationResult(id,
          c.getKey().kind(), "pgd-20", "t", ThreatModel.of(Norm.Linf, "0.1"), 10000, 80.0, robust,
          List.of(new AttackStage("pgd-20", robust, 1.0)), List.of(), List.of(), Instant.EPOCH, c.getKey().epoch())));
    }
  }

  @BeforeAll
  static void twoRuns() throws IOException {
    // Crosses 65% at epoch 2, its best epoch (the last, 3, falls back): the best checkpoint confirms it.
    run("fm-a-e3-s1-r0", new double[] {50, 66, 64}, 65.5, 63.0);
    // Its second seed crosses at the last epoch (3), which the last checkpoint confirms.
    run("fm-a-e3-s2-r0", new double[] {50, 60, 66}, 66.0, 66.5);
    // Crosses at epoch 1, neither best (3) nor last: that checkpoint was not kept.
    run("fm-b-e3-s1-r0", new double[] {66, 67, 68}, 64.0, 64.0);
    // The same history in a run that kept every epoch: epoch 1's own evaluation decides (and refutes) it.
    run("fm-c-e3-s1-r0", new double[] {66, 67, 68}, 64.0, 64.0, Map.of(1, 63.5, 2, 64.0));
    // Kept every epoch, crosses at its best epoch: the best checkpoint's evaluation answers.
    run("fm-d-e4-s1-r0", new double[] {50, 66, 64, 63}, 60.0, 63.0, Map.of(1, 49.0, 3, 62.0));
    // Kept every epoch, crosses at epoch 2 (not best, not last) whose evaluation is missing: said, not borrowed.
    run("fm-e-e4-s1-r0", new double[] {50, 66, 67, 60}, 64.0, 59.0, Map.of(1, 49.0));
    MetricRecordIngest.Output in = new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    TimeToTargetJob.Options defaults = TimeToTargetJob.Options.defaults(Catalogs.load(CATALOGS));
    Dataset<Row> table = new TimeToTargetJob(new TimeToTargetJob.Options(List.of(new TimeToTargetJob.Target("robust", 65)),
            defaults.catalogs(), defaults.pueSetting()))
        .apply(SharedSparkSession.get(), in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.EPOCH_METRICS),
            in.tables().get(RecordKind.EVALUATION));
    rows = PipelineTables.TIME_TO_TARGET.fromRows(table);
    summary = PipelineTables.TIME_TO_TARGET_SUMMARY.fromRows(TimeToTargetSummary.of(table));
  }

  private static TimeToTargetRow of(String run) {
    return rows.stream().filter(r -> run.equals(r.runId())).findFirst().orElseThrow();
  }

  @Test
  void aCrossingAtTheBestEpochIsConfirmedByTheBestCheckpoint() {
    TimeToTargetRow a = of("fm-a-e3-s1-r0");
    assertEquals(2, a.epoch());
    assertEquals(20.0, a.wallSeconds(), 1e-9);
    assertEquals(65.5, a.confirmedPct(), 1e-12);
    assertTrue(a.confirmed());
    assertEquals("pgd-20 on 10000 test images, best checkpoint (epoch 2)", a.confirmedBy());
  }

  @Test
  void aCrossingWhoseCheckpointWasNotKeptSaysSo() {
    TimeToTargetRow b = of("fm-b-e3-s1-r0");
    assertEquals(1, b.epoch());
    assertNull(b.confirmed());
    assertTrue(b.reason().contains("epoch 1's checkpoint was not kept (only the best, epoch 3, and the last are;"),
        b.reason());
  }

  @Test
  void aRunThatKeptEveryEpochConfirmsOrRefutesTheCrossingAtItsOwnEpoch() {
    TimeToTargetRow c = of("fm-c-e3-s1-r0");
    assertEquals(1, c.epoch());
    assertEquals("pgd-20 on 10000 test images, epoch 1 checkpoint", c.confirmedBy());
    assertEquals(63.5, c.confirmedPct(), 1e-12);
    assertEquals(false, c.confirmed());
    assertTrue(!c.reason().contains("confirmed"), c.reason()); // only the test's missing energy
    // epoch 2 is d's best (66): the best checkpoint's evaluation (60.0) answers
    TimeToTargetRow d = of("fm-d-e4-s1-r0");
    assertEquals(2, d.epoch());
    assertEquals("pgd-20 on 10000 test images, best checkpoint (epoch 2)", d.confirmedBy());
    assertEquals(60.0, d.confirmedPct(), 1e-12);
  }

  @Test
  void aMissingEpochEvaluationInARunThatKeptEveryEpochIsNotCalledUnkept() {
    TimeToTargetRow e = of("fm-e-e4-s1-r0");
    assertEquals(2, e.epoch());
    assertNull(e.confirmed());
    assertTrue(e.reason().endsWith("; not confirmed: no full evaluation of epoch 2's checkpoint"), e.reason());
  }

  @Test
  void theSummaryCountsSeedsReachedAndConfirmedWithExactMedians() {
    TimeToTargetSummaryRow a = summary.stream().filter(r -> "fm-a-e3".equals(r.configuration())).findFirst().orElseThrow();
    assertEquals(2L, a.runs());
    assertEquals(2L, a.reached());
    // seed 1 crossed after 2 epochs of 10 s, seed 2 after 3: the median of 20 and 30
    assertEquals(25.0, a.medianWallSeconds(), 1e-12);
    assertEquals(2.5e12, a.medianTrainingFlops(), 1e-3);
    assertEquals(2L, a.confirmed());
    assertEquals(0L, a.refuted() + a.unchecked());
    assertEquals((65.5 + 66.5) / 2, a.confirmedPctMean(), 1e-12);
    TimeToTargetSummaryRow b = summary.stream().filter(r -> "fm-b-e3".equals(r.configuration())).findFirst().orElseThrow();
    assertEquals(1L, b.unchecked());
    TimeToTargetSummaryRow c = summary.stream().filter(r -> "fm-c-e3".equals(r.configuration())).findFirst().orElseThrow();
    assertEquals(1L, c.refuted());
  }

  @Test
  void robustAccuracyIsJudgedByTheStrongestAttackAndCleanByTheMostImages() {
    List<EvaluationResult> evaluations = List.of(
        evaluation(Checkpoint.epoch, 2, "pgd-20", 10000, 80.5, 66.0),
        evaluation(Checkpoint.epoch, 2, "autoattack-standard", 1000, 79.0, 64.0),
        evaluation(Checkpoint.best, null, "pgd-20", 10000, 81.0, 67.0),
        evaluation(Checkpoint.last, null, "pgd-20", 10000, 81.2, 67.2));
    java.util.Map<Integer, EvaluationResult> robust = TimeToTargetJob.byEpoch(evaluations, 3, 3, "robust");
    java.util.Map<Integer, EvaluationResult> clean = TimeToTargetJob.byEpoch(evaluations, 3, 3, "clean");
    assertEquals(64.0, robust.get(2).robustAccuracyPct());
    assertEquals(80.5, clean.get(2).cleanAccuracyPct());
    // epoch 3 is both best and last: the last checkpoint's evaluation, whatever the rows' order
    assertEquals(Checkpoint.last, robust.get(3).checkpoint());
    assertEquals(Checkpoint.last, TimeToTargetJob.byEpoch(reversed(evaluations), 3, 3, "clean").get(3).checkpoint());
  }

  private static EvaluationResult evaluation(Checkpoint checkpoint, Integer epoch, String suite, int n, double clean, double robust) {
    return new EvaluationResult("run", checkpoint, suite, "1", ThreatModel.of(Norm.Linf, "0.1"), n, clean, robust, List.of(), List.of(),
        List.of(), Instant.parse("2026-11-30T00:00:00Z"), epoch);
  }

  private static <T> List<T> reversed(List<T> rows) {
    List<T> copy = new java.util.ArrayList<>(rows);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
