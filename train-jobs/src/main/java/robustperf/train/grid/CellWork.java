package robustperf.train.grid;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import robustperf.records.compute.TrainingCompute;
import robustperf.train.attack.EpsBall;
import robustperf.train.data.ImageDataset;
import robustperf.train.flops.FlopCounter;
import robustperf.train.loop.Recipes;
import robustperf.train.loop.RunSpec;
import robustperf.train.method.TrainingMethod;

/**
 * The expected work of a grid's cells in FLOPs, which the shard split balances: the images a run
 * passes forward and backward, in units of its architecture's forward FLOPs F (counted by
 * {@link FlopCounter}, once per architecture and image shape), under the project's one pass
 * convention ({@link TrainingCompute#passes}): training (the method's passes per image x images x
 * epochs run x replays), the held-out monitor after every epoch (PGD-10) and the final PGD-20 of
 * the kept checkpoints on the test images. Counted, not timed: FP16 and the machine's speed are
 * left out, which is right for a grid that runs on one kind of node.
 */
final class CellWork {
  /** Steps of the held-out monitor (PGD-10, or APGD-CE with 10 iterations: the same passes). */
  private static final int MONITOR_STEPS = 10;

  private final Function<RunSpec, ImageDataset[]> splits;
  private final Map<String, Double> forwardFlops = new HashMap<>();

  /** @param splits a run's training and test images */
  CellWork(Function<RunSpec, ImageDataset[]> splits) {
    this.splits = splits;
  }

  /**
   * @param run a cell
   * @return its expected FLOPs
   */
  double flops(RunSpec run) {
    ImageDataset[] data = splits.apply(run);
    ImageDataset train = data[0];
    ImageDataset test = data[1];
    TrainingMethod method = method(run);
    double trainingPasses = trainingPassesPerImage(run.method(), method) * trainImages(run, train) * epochsRun(run, method) * method.replays();
    double monitorPasses = evaluationPasses(MONITOR_STEPS) * run.heldOutExamples() * epochsRun(run, method);
    int testImages = run.testExamples() == 0 ? test.size() : Math.min(run.testExamples(), test.size());
    // best and last, or with every epoch kept about one evaluation per epoch
    int checkpoints = run.keepEveryEpoch() ? Math.max(2, epochsRun(run, method)) : 2;
    double evaluationPasses = evaluationPasses(20) * testImages * checkpoints;
    String shape = run.architecture() + "|" + train.classes() + "|" + train.imageShape();
    double f = forwardFlops.computeIfAbsent(
        shape, k -> FlopCounter.of(run.architecture(), train.classes(), train.imageShape()).forwardFlops());
    return f * (trainingPasses + monitorPasses + evaluationPasses);
  }

  /**
   * TrainingCompute's central figure, the passes our loop makes per training image (the isoFLOP
   * layout prices its cells by it too; IsoFlopGridTest checks it against the loop's counters).
   *
   * @param name the method's name
   * @param method the method as the recipe builds it
   * @return training passes per image, in units of the forward FLOPs F
   */
  static double trainingPassesPerImage(String name, TrainingMethod method) {
    Map<String, String> used = method.hyperparameters();
    int steps = Integer.parseInt(used.getOrDefault("attack_steps", "1"));
    return TrainingCompute.passes(name + (used.containsKey("awp_gamma") ? "+awp" : ""), steps)[1];
  }

  /**
   * @param run a cell
   * @param train its training images
   * @return batches it trains (for the progress bar)
   */
  static long batches(RunSpec run, ImageDataset train) {
    TrainingMethod method = method(run);
    return (long) epochsRun(run, method) * ((trainImages(run, train) + run.batchSize() - 1) / run.batchSize());
  }

  /** Forward-pass equivalents per image of a K-step PGD evaluation: the clean pass, K forward and input-backward passes, the adversarial pass. */
  private static double evaluationPasses(int steps) {
    return 2.0 * steps + 2;
  }

  private static TrainingMethod method(RunSpec run) {
    return Recipes.method(run.method(), run.methodParameters(), new EpsBall(run.threatModel().norm(), run.threatModel().eps()));
  }

  /** Free AT runs epochs / m passes of m replays, as {@code TrainingRun} does. */
  private static int epochsRun(RunSpec run, TrainingMethod method) {
    return Math.max(1, (int) Math.ceil(run.epochs() / (double) method.replays()));
  }

  private static int trainImages(RunSpec run, ImageDataset train) {
    int available = train.size() - run.heldOutExamples();
    return run.trainExamples() == 0 ? available : Math.min(run.trainExamples(), available);
  }
}
