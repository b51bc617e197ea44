package robustperf.train.loop;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import robustperf.records.PathSafeId;
import robustperf.records.Precision;
import robustperf.records.ThreatModel;
import robustperf.train.schedule.LearningRateSchedule;

/**
 * Everything one training run needs, as the grid expands it. Values left to the recipe (step
 * sizes, betas) are filled in by {@link Recipes}, and the manifest records them all.
 *
 * @param dataset dataset name ({@link robustperf.train.data.Datasets#NAMES})
 * @param datasetRoot directory of the dataset's files
 * @param architecture catalog name ({@link robustperf.train.model.Architectures})
 * @param method method name ({@link Recipes#METHODS})
 * @param methodParameters the method's hyperparameters as given (steps, beta, replays, awp_gamma, ...)
 * @param threatModel norm and eps
 * @param epochs epochs of weight updates (Free AT runs epochs / m passes of m replays)
 * @param batchSize batch size
 * @param learningRate peak learning rate
 * @param schedule schedule shape
 * @param momentum SGD momentum
 * @param weightDecay L2 weight decay
 * @param emaDecay decay of the weight average; null for none
 * @param trainExamples training images used (0 for all but the held-out ones)
 * @param heldOutExamples training images held out to pick the best checkpoint
 * @param testExamples test images of the final evaluation (0 for all)
 * @param seed random seed (weights, batches, attacks)
 * @param repeat repeat index, for MLPerf-style repeats of one configuration
 * @param precision fp32, or fp16 (mixed precision with loss scaling; GPU only); null means fp32
 * @param monitor the per-epoch robust-accuracy monitor on the held-out images; null means PGD-10
 * @param keepEveryEpoch keep every epoch's checkpoint, and give each the final evaluation, so that
 *     each epoch's monitored accuracy can be checked on the test set (a crossing of a target, say)
 */
public record RunSpec(
    String dataset,
    Path datasetRoot,
    String architecture,
    String method,
    Map<String, String> methodParameters,
    ThreatModel threatModel,
    int epochs,
    int batchSize,
    double learningRate,
    LearningRateSchedule.Kind schedule,
    double momentum,
    double weightDecay,
    Double emaDecay,
    int trainExamples,
    int heldOutExamples,
    int testExamples,
    long seed,
    int repeat,
    Precision precision,
    EpochMonitor monitor,
    boolean keepEveryEpoch) {

  public RunSpec {
    methodParameters = methodParameters == null ? Map.of() : new TreeMap<>(methodParameters);
    precision = precision == null ? Precision.fp32 : precision;
    monitor = monitor == null ? EpochMonitor.PGD_10 : monitor;
    if (precision == Precision.int8) {
      throw new IllegalArgumentException("run of " + method + ": int8 is an inference precision, not a training one");
    }
    if (epochs < 1 || batchSize < 1 || heldOutExamples < 1 || trainExamples < 0 || testExamples < 0 || repeat < 0) {
      throw new IllegalArgumentException(
          "run of " + method + ": epochs, batch size and held-out examples must be >= 1, counts >= 0");
    }
    if (!(learningRate > 0) || schedule == null || threatModel == null) {
      throw new IllegalArgumentException("run of " + method + ": needs a learning rate > 0, a schedule and a threat model");
    }
  }

  /**
   * @return a readable id unique within a grid, e.g.
   *     fashion-mnist-small-cnn-trades-beta3-e5-s1-r0 (validated as a path segment)
   */
  public String runId() {
    StringBuilder id = new StringBuilder(dataset).append('-').append(architecture).append('-').append(method);
    methodParameters.forEach((k, v) -> id.append('-').append(k.replace("_", "")).append(v));
    if (trainExamples > 0) {
      // A subset of the training part (scaling grids): the same size at another D is another run.
      id.append("-n").append(trainExamples);
    }
    id.append("-e").append(epochs);
    if (precision != Precision.fp32) {
      id.append('-').append(precision);
    }
    id.append("-s").append(seed).append("-r").append(repeat);
    String text = id.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.\\-]+", "_");
    return PathSafeId.check("run id", text);
  }
}
