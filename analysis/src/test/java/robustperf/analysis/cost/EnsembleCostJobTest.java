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
import robustperf.records.KeptCheckpoint;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.Hardware;
import robustperf.records.InferenceBenchmark;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.EnsembleRow;

class EnsembleCostJobTest {
  @TempDir static Path runs;
  private static List<EnsembleRow> rows;

  private static RunManifest manifest(String id, String method, Map<String, String> hyperparameters) {
    return new RunManifest(id, Instant.parse("2026-11-30T00:00:00Z"), "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"),
        "small-cnn", method, hyperparameters, 1, 3, 128, Precision.fp32, new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(),
        "abc", Map.of());
  }

  private static void evaluation(RunDirectory dir, String suite, double clean, double robust) throws IOException {
    EvaluationResult e = new EvaluationResult(dir.runId(), Checkpoint.last, suite, "t", ThreatModel.of(Norm.Linf, "0.1"), 500,
        clean, robust, List.of(new AttackStage("apgd-ce", robust, 1.0)), List.of(), List.of(), Instant.EPOCH, null);
    RecordFiles.write(dir.evaluation(KeptCheckpoint.LAST, suite), EvaluationResult.class, List.of(e));
  }

  /** A batch-1 latency and a batch-256 throughput, FP32 on the CPU. */
  private static void benchmark(RunDirectory dir, double latencyMs, double imagesPerSecond) throws IOException {
    RecordFiles.write(dir.inference("cpu-fp32-b1"), InferenceBenchmark.class, List.of(new InferenceBenchmark(dir.runId(), "cpu", 1,
        Precision.fp32, latencyMs, latencyMs, latencyMs, 1000 / latencyMs, null, null, Instant.EPOCH,
        Map.of("energy_per_image_joules", "test"))));
    RecordFiles.write(dir.inference("cpu-fp32-b256"), InferenceBenchmark.class, List.of(new InferenceBenchmark(dir.runId(), "cpu", 256,
        Precision.fp32, null, null, null, imagesPerSecond, null, null, Instant.EPOCH,
        Map.of("latency_p50_ms", "test", "latency_p95_ms", "test", "latency_p99_ms", "test", "energy_per_image_joules", "test"))));
  }

  @BeforeAll
  static void writeAnEnsembleOfTwoAndAThirdUntrainedMember() throws IOException {
    double[][] accuracies = {{80, 60}, {82, 64}};
    for (int m = 0; m < 2; m++) {
      RunDirectory dir = new RunDirectory(runs, "member-" + m);
      RecordFiles.write(dir.manifest(), RunManifest.class,
          List.of(manifest(dir.runId(), "pgd-7", Map.of("forward_flops_per_image", "2.0E6"))));
      for (int epoch = 1; epoch <= 3; epoch++) {
        RecordFiles.write(dir.epoch(epoch), EpochMetrics.class, List.of(new EpochMetrics(
            dir.runId(), epoch, 0.1, 1.0, 80.0, 60.0, "pgd-10-heldout", 100, 10.0 * (m + 1), 1.0, 1e12, 5e11, List.of(), null,
            null, Map.of("co2_kg", "later", "usd", "later"))));
      }
      evaluation(dir, "autoattack-standard", accuracies[m][0], accuracies[m][1]);
      benchmark(dir, 2.0 + m, 1000.0 * (m + 1));
    }
    RunDirectory ensemble = new RunDirectory(runs, "ensemble-ab");
    RecordFiles.write(ensemble.manifest(), RunManifest.class, List.of(manifest("ensemble-ab", RunManifest.ENSEMBLE_METHOD,
        Map.of("members", "member-0,member-1", "member_checkpoint", "last", "member_methods", "pgd-7"))));
    evaluation(ensemble, "autoattack-standard", 83, 66);
    benchmark(ensemble, 5.5, 900.0);
    // an ensemble one of whose members was never trained here: its cost is null with the reason
    RunDirectory partial = new RunDirectory(runs, "ensemble-partial");
    RecordFiles.write(partial.manifest(), RunManifest.class, List.of(manifest("ensemble-partial", RunManifest.ENSEMBLE_METHOD,
        Map.of("members", "member-0,elsewhere", "member_checkpoint", "last", "member_methods", "pgd-7"))));
    evaluation(partial, "autoattack-standard", 81, 61);

    MetricRecordIngest.Output in =
        new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    rows = new EnsembleCostJob()
        .apply(SharedSparkSession.get(), in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.EPOCH_METRICS),
            in.tables().get(RecordKind.EVALUATION), in.tables().get(RecordKind.INFERENCE_BENCHMARK))
        .collectAsList().stream().map(PipelineTables.ENSEMBLES::fromRow).toList();
  }

  @Test
  void anEnsembleCostsItsMembersSumAndStandsBesideTheirAccuracies() {
    EnsembleRow ab = rows.stream().filter(r -> r.ensembleId().equals("ensemble-ab")).findFirst().orElseThrow();
    assertEquals(2, ab.members());
    assertEquals(66.0, ab.robustAccuracyPct());
    assertEquals(81.0, ab.membersCleanMeanPct(), 1e-12);
    assertEquals(62.0, ab.membersRobustMeanPct(), 1e-12);
    assertEquals(64.0, ab.membersRobustBestPct(), 1e-12);
    assertEquals(3 * 10.0 + 3 * 20.0, ab.trainingSeconds(), 1e-9);
    assertEquals(6e12, ab.trainingFlops(), 1);
    assertEquals(45.0, ab.memberTrainingSecondsMean(), 1e-9);
    assertEquals(4.0e6, ab.inferenceFlopsPerImage(), 1e-6);
    assertNull(ab.missingReason());
    // Measured inference beside the members': latency 5.5 ms vs their mean 2.5 ms; throughput 900 vs 1500 images/s.
    assertEquals("cpu", ab.inferenceDevice());
    assertEquals(5.5, ab.latencyP50Ms(), 1e-12);
    assertEquals(2.5, ab.membersLatencyP50MeanMs(), 1e-12);
    assertEquals(900.0, ab.imagesPerSecond(), 1e-9);
    assertEquals(1500.0, ab.membersImagesPerSecondMean(), 1e-9);
    assertNull(ab.inferenceMissingReason());
  }

  @Test
  void aMemberWithoutRecordsMakesTheCostNullWithTheReason() {
    EnsembleRow partial = rows.stream().filter(r -> r.ensembleId().equals("ensemble-partial")).findFirst().orElseThrow();
    assertNull(partial.trainingSeconds());
    assertNull(partial.inferenceFlopsPerImage());
    assertTrue(partial.missingReason().contains("elsewhere has no epoch records"), partial.toString());
    assertEquals(1, partial.membersEvaluated());
    assertTrue(partial.inferenceMissingReason().contains("no FP32 inference benchmark"));
  }
}
