package robustperf.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.InferenceBenchmark;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;

/**
 * Writes one run's metric records under a runs root as the run goes. Each call writes one
 * complete file atomically; nothing is buffered, so a crash loses at most the epoch in progress.
 * Not thread-safe: one recorder per run, used by the training loop's thread.
 */
public final class RunRecorder {
  private final RunDirectory dir;

  private RunRecorder(RunDirectory dir) {
    this.dir = dir;
  }

  /**
   * Starts a run: writes its manifest.
   *
   * @param runsRoot the runs root
   * @param manifest the run's manifest
   * @return the recorder
   * @throws IOException when the manifest cannot be written
   * @throws IllegalStateException when the run already has a manifest (run ids are unique)
   */
  public static RunRecorder start(Path runsRoot, RunManifest manifest) throws IOException {
    RunDirectory dir = new RunDirectory(runsRoot, manifest.runId());
    if (Files.exists(dir.manifest())) {
      throw new IllegalStateException(
          "run " + manifest.runId() + " already has a manifest at " + dir.manifest() + ": pick a new run id");
    }
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(manifest));
    return new RunRecorder(dir);
  }

  /**
   * Records one finished epoch.
   *
   * @param metrics the epoch's metrics, of this run
   * @throws IOException when the file cannot be written
   */
  public void epoch(EpochMetrics metrics) throws IOException {
    requireThisRun(metrics.runId());
    RecordFiles.write(dir.epoch(metrics.epoch()), EpochMetrics.class, List.of(metrics));
  }

  /**
   * Records an evaluation of a checkpoint.
   *
   * @param result the evaluation, of this run
   * @throws IOException when the file cannot be written
   */
  public void evaluation(EvaluationResult result) throws IOException {
    requireThisRun(result.runId());
    RecordFiles.write(
        dir.evaluation(result.keptCheckpoint(), result.attackSuite()), EvaluationResult.class, List.of(result));
  }

  /**
   * Records an inference benchmark.
   *
   * @param label path-safe label, e.g. "cpu-fp32-b1"
   * @param benchmark the benchmark, of this run
   * @throws IOException when the file cannot be written
   */
  public void inference(String label, InferenceBenchmark benchmark) throws IOException {
    requireThisRun(benchmark.runId());
    RecordFiles.write(dir.inference(label), InferenceBenchmark.class, List.of(benchmark));
  }

  /** @return the run's directory layout */
  public RunDirectory directory() {
    return dir;
  }

  private void requireThisRun(String runId) {
    if (!dir.runId().equals(runId)) {
      throw new IllegalArgumentException("record of run " + runId + " given to the recorder of run " + dir.runId());
    }
  }
}
