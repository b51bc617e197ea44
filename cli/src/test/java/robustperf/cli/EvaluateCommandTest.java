package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.EvaluationResult;
import robustperf.records.parquet.RecordFiles;

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
}
