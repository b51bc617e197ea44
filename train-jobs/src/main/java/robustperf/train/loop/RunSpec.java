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
 * Everything one training run needs, as the grid expands it, in named parts. Values left to the
 * recipe (step sizes, betas) are filled in by {@link Recipes}, and the manifest records them all.
 * The accessors below read through to the parts.
 *
 * @param data what it trains and is evaluated on
 * @param recipe the model, the method and what it defends against
 * @param optimization the optimizer and its schedule over the run's length
 * @param replicate which replicate of the configuration
 * @param monitoring how epochs are monitored and which checkpoints are kept
 */
public record RunSpec(Data data, Recipe recipe, Optimization optimization, Replicate replicate, Monitoring monitoring) {

  /**
   * @param dataset dataset name ({@link robustperf.train.data.Datasets#NAMES})
   * @param root directory of the dataset's files
   * @param trainExamples training images used (0 for all but the held-out ones)
   * @param heldOutExamples training images held out to pick the best checkpoint
   * @param testExamples test images of the final evaluation (0 for all)
   */
  public record Data(String dataset, Path root, int trainExamples, int heldOutExamples, int testExamples) {
    public Data {
      if (heldOutExamples < 1 || trainExamples < 0 || testExamples < 0) {
        throw new IllegalArgumentException("run on " + dataset + ": held-out examples must be >= 1, counts >= 0");
      }
    }
  }

  /**
   * @param architecture catalog name ({@link robustperf.train.model.Architectures})
   * @param method method name ({@link Recipes#METHODS})
   * @param methodParameters the method's hyperparameters as given (steps, beta, replays, awp_gamma, ...)
   * @param threatModel norm and eps
   * @param precision fp32, or fp16 (mixed precision with loss scaling; GPU only); null means fp32
   */
  public record Recipe(String architecture, String method, Map<String, String> methodParameters, ThreatModel threatModel,
      Precision precision) {
    public Recipe {
      methodParameters = methodParameters == null ? Map.of() : new TreeMap<>(methodParameters);
      precision = precision == null ? Precision.fp32 : precision;
      if (precision == Precision.int8) {
        throw new IllegalArgumentException("run of " + method + ": int8 is an inference precision, not a training one");
      }
      if (threatModel == null) {
        throw new IllegalArgumentException("run of " + method + ": needs a threat model");
      }
    }
  }

  /**
   * @param epochs epochs of weight updates (Free AT runs epochs / m passes of m replays)
   * @param batchSize batch size
   * @param learningRate peak learning rate
   * @param schedule schedule shape
   * @param momentum SGD momentum
   * @param weightDecay L2 weight decay
   * @param emaDecay decay of the weight average; null for none
   */
  public record Optimization(int epochs, int batchSize, double learningRate, LearningRateSchedule.Kind schedule, double momentum,
      double weightDecay, Double emaDecay) {
    public Optimization {
      if (epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("a run needs epochs and a batch size >= 1");
      }
      if (!(learningRate > 0) || schedule == null) {
        throw new IllegalArgumentException("a run needs a learning rate > 0 and a schedule");
      }
    }
  }

  /**
   * @param seed random seed (weights, batches, attacks)
   * @param repeat repeat index, for MLPerf-style repeats of one configuration
   */
  public record Replicate(long seed, int repeat) {
    public Replicate {
      if (repeat < 0) {
        throw new IllegalArgumentException("repeat must be >= 0, got " + repeat);
      }
    }
  }

  /**
   * @param monitor the per-epoch robust-accuracy monitor on the held-out images; null means PGD-10
   * @param keepEveryEpoch keep every epoch's checkpoint, and give each the final evaluation, so that
   *     each epoch's monitored accuracy can be checked on the test set (a crossing of a target, say)
   */
  public record Monitoring(EpochMonitor monitor, boolean keepEveryEpoch) {
    public Monitoring {
      monitor = monitor == null ? EpochMonitor.PGD_10 : monitor;
    }
  }

  public RunSpec {
    if (data == null || recipe == null || optimization == null || replicate == null || monitoring == null) {
      throw new IllegalArgumentException("a run spec needs all its parts");
    }
  }

  /** @return dataset name */
  public String dataset() {
    return data.dataset();
  }

  /** @return directory of the dataset's files */
  public Path datasetRoot() {
    return data.root();
  }

  /** @return training images used (0 for all but the held-out ones) */
  public int trainExamples() {
    return data.trainExamples();
  }

  /** @return training images held out to pick the best checkpoint */
  public int heldOutExamples() {
    return data.heldOutExamples();
  }

  /** @return test images of the final evaluation (0 for all) */
  public int testExamples() {
    return data.testExamples();
  }

  /** @return catalog name of the architecture */
  public String architecture() {
    return recipe.architecture();
  }

  /** @return method name */
  public String method() {
    return recipe.method();
  }

  /** @return the method's hyperparameters as given */
  public Map<String, String> methodParameters() {
    return recipe.methodParameters();
  }

  /** @return norm and eps */
  public ThreatModel threatModel() {
    return recipe.threatModel();
  }

  /** @return training precision */
  public Precision precision() {
    return recipe.precision();
  }

  /** @return epochs of weight updates */
  public int epochs() {
    return optimization.epochs();
  }

  /** @return batch size */
  public int batchSize() {
    return optimization.batchSize();
  }

  /** @return peak learning rate */
  public double learningRate() {
    return optimization.learningRate();
  }

  /** @return schedule shape */
  public LearningRateSchedule.Kind schedule() {
    return optimization.schedule();
  }

  /** @return SGD momentum */
  public double momentum() {
    return optimization.momentum();
  }

  /** @return L2 weight decay */
  public double weightDecay() {
    return optimization.weightDecay();
  }

  /** @return decay of the weight average; null for none */
  public Double emaDecay() {
    return optimization.emaDecay();
  }

  /** @return random seed */
  public long seed() {
    return replicate.seed();
  }

  /** @return repeat index */
  public int repeat() {
    return replicate.repeat();
  }

  /** @return the per-epoch monitor */
  public EpochMonitor monitor() {
    return monitoring.monitor();
  }

  /** @return whether every epoch's checkpoint is kept and evaluated */
  public boolean keepEveryEpoch() {
    return monitoring.keepEveryEpoch();
  }

  /**
   * @return a readable id unique within a grid, e.g.
   *     fashion-mnist-small-cnn-trades-beta3-e5-s1-r0 (validated as a path segment)
   */
  public String runId() {
    StringBuilder id = new StringBuilder(dataset()).append('-').append(architecture()).append('-').append(method());
    methodParameters().forEach((k, v) -> id.append('-').append(k.replace("_", "")).append(v));
    if (trainExamples() > 0) {
      // A subset of the training part (scaling grids): the same size at another D is another run.
      id.append("-n").append(trainExamples());
    }
    id.append("-e").append(epochs());
    if (precision() != Precision.fp32) {
      id.append('-').append(precision());
    }
    id.append("-s").append(seed()).append("-r").append(repeat());
    String text = id.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.\\-]+", "_");
    return PathSafeId.check("run id", text);
  }
}
