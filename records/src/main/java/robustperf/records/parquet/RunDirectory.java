package robustperf.records.parquet;

import java.nio.file.Path;
import robustperf.records.KeptCheckpoint;
import robustperf.records.PathSafeId;

/**
 * Where a run's records live under a runs root: {@code <root>/<run id>/}, one file per write, so
 * a run "appends" by adding files and never rewrites one.
 *
 * @param root the runs root
 * @param runId the run
 */
public record RunDirectory(Path root, String runId) {

  public RunDirectory {
    PathSafeId.check("run id", runId);
  }

  /** @return the run's directory */
  public Path dir() {
    return root.resolve(runId);
  }

  /** @return the manifest file */
  public Path manifest() {
    return dir().resolve("manifest.parquet");
  }

  /**
   * @param epoch 1-based epoch
   * @return the file of that epoch's metrics
   */
  public Path epoch(int epoch) {
    return dir().resolve(String.format("epoch-%04d.parquet", epoch));
  }

  /**
   * @param checkpoint best, last or an epoch's
   * @param suite attack suite id (path-safe)
   * @return the file of that evaluation, e.g. eval-epoch-0002-pgd-20.parquet
   */
  public Path evaluation(KeptCheckpoint checkpoint, String suite) {
    return dir().resolve("eval-" + checkpoint.label() + "-" + PathSafeId.check("suite", suite) + ".parquet");
  }

  /**
   * @param label path-safe label of the benchmark, e.g. "cpu-fp32-b1"
   * @return the file of that inference benchmark
   */
  public Path inference(String label) {
    return dir().resolve("inference-" + PathSafeId.check("benchmark label", label) + ".parquet");
  }

  /**
   * @param device the profiled device, e.g. "cpu"
   * @return the file of the run configuration's per-layer time profile on that device
   */
  public Path layerProfile(String device) {
    return dir().resolve("layer-profile-" + PathSafeId.check("device", device) + ".parquet");
  }

  /**
   * @param checkpoint best, last or an epoch's
   * @return the file of the checkpoint's weights (DJL's parameter format; not a metric record)
   */
  public Path checkpoint(KeptCheckpoint checkpoint) {
    return dir().resolve("checkpoint-" + checkpoint.label() + ".params");
  }
}
