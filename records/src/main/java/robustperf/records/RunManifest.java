package robustperf.records;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a training run is: written once when it starts.
 *
 * @param runId unique id of the run; becomes a directory name, so it is path-safe
 * @param createdAt when the run started, UTC
 * @param dataset dataset id, e.g. "cifar10", "fashion-mnist"
 * @param threatModel the training threat model (norm and eps)
 * @param architecture architecture id, e.g. "PreActResNet-18", "WRN-34-10"
 * @param method training method id, e.g. "standard", "pgd", "trades", "fgsm-rs"
 * @param hyperparameters every value the method used, as text (e.g. "steps" -> "10", "beta" -> "6")
 * @param seed random seed
 * @param plannedEpochs epochs the schedule was built for
 * @param batchSize examples per optimizer step
 * @param precision arithmetic precision of training
 * @param hardware the machine
 * @param software versions of what ran, e.g. "java" -> "17.0.15", "djl" -> "0.36.0"
 * @param gitCommit commit of the project that ran, or null with a reason in {@code missing}
 * @param missing snake_case column name to the reason it is null
 */
public record RunManifest(
    String runId,
    Instant createdAt,
    String dataset,
    ThreatModel threatModel,
    String architecture,
    String method,
    Map<String, String> hyperparameters,
    long seed,
    int plannedEpochs,
    int batchSize,
    Precision precision,
    Hardware hardware,
    Map<String, String> software,
    String gitCommit,
    Map<String, String> missing) {
  /**
   * Hyperparameters of an isoFLOP grid's cell (training writes them, the scaling-grid analysis
   * groups by them): the grid's name, the method with its hyperparameters as the spec gave them
   * (e.g. "trades-beta6"), and the training-FLOP budget the cell was laid out for.
   */
  public static final String ISOFLOP_GRID = "isoflop_grid";

  /** See {@link #ISOFLOP_GRID}. */
  public static final String ISOFLOP_METHOD = "isoflop_method";

  /** See {@link #ISOFLOP_GRID}. */
  public static final String ISOFLOP_BUDGET = "isoflop_budget";


  /**
   * The method of a logit-averaging ensemble's manifest: it trained nothing itself, and its
   * hyperparameters name its members ("members", comma-separated run ids) and their checkpoint
   * ("member_checkpoint").
   */
  public static final String ENSEMBLE_METHOD = "ensemble";

  public RunManifest {
    PathSafeId.check("run id", runId);
    if (createdAt == null || threatModel == null || precision == null || hardware == null) {
      throw new IllegalArgumentException(
          "run " + runId + ": created_at, threat_model, precision and hardware are required");
    }
    dataset = MissingValues.text("dataset", dataset);
    architecture = MissingValues.text("architecture", architecture);
    method = MissingValues.text("method", method);
    if (plannedEpochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "run " + runId + ": planned_epochs and batch_size must be >= 1");
    }
    hyperparameters = hyperparameters == null ? Map.of() : new TreeMap<>(hyperparameters);
    software = software == null ? Map.of() : new TreeMap<>(software);
    missing = MissingValues.copy(missing);
    if (gitCommit == null && !missing.containsKey("git_commit")) {
      throw new IllegalArgumentException("git_commit is null without a reason");
    }
  }
}
