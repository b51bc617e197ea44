package robustperf.train.grid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import robustperf.records.ThreatModel;
import robustperf.train.attack.EpsBall;
import robustperf.train.flops.FlopCounter;
import robustperf.train.flops.TrainingFlops;
import robustperf.train.loop.Recipes;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

/**
 * What one training example costs under a method, read off the same pass counters training meters
 * with ({@link Network#passes()}): one step of the method on two random images of the dataset's
 * shape through the smallest small CNN, so an isoFLOP grid is laid out by the convention its runs
 * are metered by, not by a second formula.
 */
final class ExampleCost {
  private static final int IMAGES = 2;

  private ExampleCost() {}

  /**
   * @param method method name
   * @param parameters its hyperparameters
   * @param threat the threat model
   * @param image (channels, height, width)
   * @param classes number of classes
   * @return passes per example of one step; its {@code total(F)} is an example's training FLOPs
   */
  static TrainingFlops passesPerExample(String method, Map<String, String> parameters, ThreatModel threat, Shape image, int classes) {
    TrainingMethod training = Recipes.method(method, parameters, new EpsBall(threat.norm(), threat.eps()));
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build("small-cnn-c4", classes, image);
      Architectures.initialize(block, manager, image);
      Network network = new Network(block, manager, Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
      NDArray x = manager.randomUniform(0f, 1f, new Shape(IMAGES).addAll(image));
      NDArray y = manager.randomInteger(0, classes, new Shape(IMAGES), DataType.INT32);
      training.step(network, x, y);
      TrainingFlops p = network.passes();
      if (p.forwardPasses() % IMAGES != 0 || p.inputBackwardPasses() % IMAGES != 0 || p.fullBackwardPasses() % IMAGES != 0) {
        throw new IllegalStateException(method + ": a step passed a fraction of its batch: " + p);
      }
      return new TrainingFlops(
          p.forwardPasses() / IMAGES, p.inputBackwardPasses() / IMAGES, p.fullBackwardPasses() / IMAGES,
          p.attackForwardPasses() / IMAGES, p.attackBackwardPasses() / IMAGES);
    }
  }

  /**
   * @param architecture catalog name
   * @param image (channels, height, width)
   * @param classes number of classes
   * @return forward FLOPs of one image (F)
   */
  static double forwardFlops(String architecture, Shape image, int classes) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(architecture, classes, image);
      Architectures.initialize(block, manager, image);
      return FlopCounter.count(block).forwardFlops();
    }
  }
}
