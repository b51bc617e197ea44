package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.KeptCheckpoint;
import robustperf.records.EvaluationResult;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RecordSamples;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.model.Architectures;
import robustperf.train.run.EnsembleManifest;

class EvaluateCommandTest {
  private static final Path FIXTURE =
      Path.of(System.getProperty("robustperf.repo"), "train-jobs/src/test/resources/torchscript/tiny-cnn.pt");

  @Test
  void anExternalTorchScriptModelIsEvaluatedAndRecorded(@TempDir Path runs) throws IOException {
    PipelineCommandTest.Result r = PipelineCommandTest.execute(
        "evaluate", "--model", FIXTURE.toString(), "--dataset", "fashion-mnist", "--eps", "0.1", "--n", "40",
        "--iterations", "10", "--square-queries", "50", "--mean", "0.5", "--std", "0.25", "--runs", runs.toString());
    assertEquals(0, r.exit(), r.err());
    Path file = runs.resolve("external-tiny-cnn/eval-last-autoattack-standard.parquet");
    EvaluationResult result = (EvaluationResult) RecordFiles.read(file).rows().get(0);
    assertEquals(40, result.n());
    assertEquals(java.util.List.of("apgd-ce", "apgd-t", "fab-t", "square"),
        result.stages().stream().map(s -> s.attack()).toList());
    assertTrue(result.robustAccuracyPct() <= result.cleanAccuracyPct());
    assertEquals(40, result.exampleStatus().size());
    // Where it is, stage by stage, on stderr (no terminal here: one line as each stage starts and ends).
    for (String stage : List.of("clean", "apgd-ce", "apgd-t", "fab-t", "square")) {
      assertTrue(r.err().lines().anyMatch(l -> l.matches("\\[\\d+:\\d\\d:\\d\\d\\] " + stage + ": \\d+ points.*")), stage + " start in:\n" + r.err());
      assertTrue(r.err().lines().anyMatch(l -> l.matches("\\[\\d+:\\d\\d:\\d\\d\\] " + stage + " done in [\\d.]+ s: .*%")), stage + " end in:\n" + r.err());
    }
  }

  @Test
  void anL2EvaluationRunsEveryStage(@TempDir Path runs) throws IOException {
    PipelineCommandTest.Result r = PipelineCommandTest.execute(
        "evaluate", "--model", FIXTURE.toString(), "--dataset", "fashion-mnist", "--eps", "1.5", "--norm", "L2",
        "--n", "24", "--iterations", "5", "--square-queries", "20", "--mean", "0.5", "--std", "0.25", "--runs", runs.toString());
    assertEquals(0, r.exit(), r.err());
    EvaluationResult result = (EvaluationResult) RecordFiles.read(
        runs.resolve("external-tiny-cnn/eval-last-autoattack-standard.parquet")).rows().get(0);
    assertEquals("L2", result.threatModel().norm().toString());
    assertEquals(4, result.stages().size());
  }

  @Test
  void badRequestsAreRefusedWithExitCode2(@TempDir Path runs) {
    assertEquals(2, PipelineCommandTest.execute("evaluate", "--model", runs.resolve("missing.pt").toString(),
        "--dataset", "fashion-mnist", "--eps", "0.1", "--runs", runs.toString()).exit());
    assertEquals(2, PipelineCommandTest.execute("evaluate", "--runs", runs.toString()).exit());
    assertEquals(2, PipelineCommandTest.execute("evaluate", "--model", FIXTURE.toString(), "--dataset", "fashion-mnist",
        "--eps", "0.1", "--version", "strongest", "--runs", runs.toString()).exit());
  }

  @Test
  void anEpochCheckpointIsEvaluatedUnderItsEpoch(@TempDir Path runs) throws IOException {
    untrainedRun(runs, "a", 1, "0.1");
    RunDirectory dir = new RunDirectory(runs, "a");
    Files.copy(dir.checkpoint(KeptCheckpoint.LAST), dir.checkpoint(KeptCheckpoint.ofEpoch(2)));
    PipelineCommandTest.Result r = PipelineCommandTest.execute("evaluate", "--runs", runs.toString(), "--run", "a",
        "--checkpoint", "epoch-2", "--n", "20", "--iterations", "3", "--version", "apgd-ce");
    assertEquals(0, r.exit(), r.err());
    EvaluationResult result = (EvaluationResult) RecordFiles.read(runs.resolve("a/eval-epoch-0002-apgd-ce.parquet")).rows().get(0);
    assertEquals(KeptCheckpoint.ofEpoch(2), result.keptCheckpoint());

    PipelineCommandTest.Result unkept = PipelineCommandTest.execute("evaluate", "--runs", runs.toString(), "--run", "a",
        "--checkpoint", "epoch-3", "--n", "20");
    assertEquals(2, unkept.exit());
    assertTrue(unkept.err().contains("no checkpoint-epoch-0003.params"), unkept.err());
    PipelineCommandTest.Result malformed = PipelineCommandTest.execute("evaluate", "--runs", runs.toString(), "--run", "a",
        "--checkpoint", "epoch-../x", "--n", "20");
    assertEquals(2, malformed.exit());
    assertTrue(malformed.err().contains("best, last or epoch-N"), malformed.err());
  }

  /** Two untrained small CNNs as runs: enough to check the ensemble's plumbing and records. */
  private static void untrainedRun(Path runs, String id, int seed, String eps) throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RunManifest sample = RecordSamples.manifest(id);
    RunManifest manifest = new RunManifest(id, sample.createdAt(), "fashion-mnist", ThreatModel.of(Norm.Linf, eps), "small-cnn",
        "pgd-7", Map.of("forward_flops_per_image", "1.0E6"), seed, 1, 128, Precision.fp32, sample.hardware(), Map.of(), "abc",
        Map.of());
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(manifest));
    Shape image = new Shape(1, 28, 28);
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(seed);
      Block block = Architectures.build("small-cnn", 10, image);
      Architectures.initialize(block, manager, image);
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.checkpoint(KeptCheckpoint.LAST)))) {
        block.saveParameters(out);
      }
    }
  }

  @Test
  void severalRunsAreEvaluatedAsOneEnsembleWithItsMembersNamed(@TempDir Path runs) throws IOException {
    untrainedRun(runs, "a", 1, "0.1");
    untrainedRun(runs, "b", 2, "0.1");
    PipelineCommandTest.Result r = PipelineCommandTest.execute("evaluate", "--runs", runs.toString(), "--run", "a", "--run", "b",
        "--checkpoint", "last", "--n", "20", "--iterations", "3", "--square-queries", "10", "--version", "apgd-ce");
    assertEquals(0, r.exit(), r.err());
    RunDirectory ensemble = new RunDirectory(runs, EnsembleManifest.defaultId(List.of("b", "a")));
    RunManifest manifest = (RunManifest) RecordFiles.read(ensemble.manifest()).rows().get(0);
    assertEquals(RunManifest.ENSEMBLE_METHOD, manifest.method());
    assertEquals("a,b", manifest.hyperparameters().get("members"));
    assertEquals("last", manifest.hyperparameters().get("member_checkpoint"));
    EvaluationResult result = (EvaluationResult) RecordFiles.read(ensemble.evaluation(KeptCheckpoint.LAST, "apgd-ce")).rows().get(0);
    assertEquals(20, result.n());

    untrainedRun(runs, "c", 3, "0.2");
    PipelineCommandTest.Result mismatch = PipelineCommandTest.execute("evaluate", "--runs", runs.toString(), "--run", "a",
        "--run", "c", "--checkpoint", "last", "--n", "20");
    assertEquals(2, mismatch.exit());
    assertTrue(mismatch.err().contains("must share dataset and threat model"), mismatch.err());
  }
}
