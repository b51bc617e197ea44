package robustperf.train.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import robustperf.records.Norm;
import robustperf.train.attack.EpsBall;
import robustperf.train.loop.Recipes;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

class MixedPrecisionTest {
  @Test
  void lossScaleHalvesOnOverflowAndGrowsAfterCleanSteps() {
    DynamicLossScale scale = new DynamicLossScale(1024, 3);
    assertFalse(scale.step(false));
    assertEquals(512, scale.scale());
    assertTrue(scale.step(true));
    assertTrue(scale.step(true));
    assertEquals(512, scale.scale());
    assertTrue(scale.step(true));
    assertEquals(1024, scale.scale());
    assertEquals(1, scale.skippedSteps());
    DynamicLossScale floor = new DynamicLossScale(1, 10);
    floor.step(false);
    assertEquals(1, floor.scale(), "the scale never drops below 1");
  }

  /**
   * The FP16 path end to end on whatever device the engine has (PyTorch runs FP16 convolutions on
   * the CPU too, slowly): FP16 weights follow FP32 masters, and PGD training lowers the loss.
   */
  @Test
  void fp16TrainingKeepsFp32MastersAndLearns() {
    Engine.getInstance().setRandomSeed(5);
    Shape image = new Shape(1, 28, 28);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build("small-cnn", 10, image);
      Architectures.initialize(block, manager, image, DataType.FLOAT16);
      DynamicLossScale scale = new DynamicLossScale();
      Network network =
          new Network(block, manager, Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build(), scale);
      TrainingMethod pgd = Recipes.method("pgd", Map.of("steps", "2"), new EpsBall(Norm.Linf, 0.1));
      // A learnable batch: the label is the brightest quarter of the image.
      NDArray y = manager.randomInteger(0, 4, new Shape(64), DataType.INT32);
      NDArray x = manager.randomUniform(0f, 0.3f, new Shape(64, 1, 28, 28));
      NDArray band = y.oneHot(4).toType(DataType.FLOAT32, false).repeat(1, 7).reshape(64, 1, 28, 1).mul(0.7f);
      x = x.add(band).clip(0f, 1f);
      float first = pgd.step(network, x, y);
      float last = first;
      for (int i = 0; i < 10; i++) {
        last = pgd.step(network, x, y);
      }
      assertTrue(last < first * 0.7, "loss " + first + " -> " + last);
      for (Parameter p : network.trainableParameters()) {
        assertEquals(DataType.FLOAT16, p.getArray().getDataType());
        // Gradients are zeroed after every step (they would accumulate otherwise).
        assertEquals(0f, p.getArray().getGradient().abs().sum().toType(DataType.FLOAT32, false).getFloat(), p.getName());
      }
      assertTrue(scale.skippedSteps() < 10, "most steps must apply, skipped " + scale.skippedSteps());
    }
  }

  /**
   * AWP in both precisions: with a zero learning rate, the step's loss is taken at weights moved up
   * the loss, and the step leaves the weights where they were (the perturbation is taken back; in
   * FP16 exactly, as the weights are rounded from untouched masters); and in FP16 AWP-PGD learns.
   */
  @Test
  void awpTakesItsPerturbationBackInFp32AndFp16AndFp16AwpLearns() {
    for (boolean half : new boolean[] {false, true}) {
      Engine.getInstance().setRandomSeed(7);
      try (NDManager manager = NDManager.newBaseManager()) {
        Network still = network(manager, half, 0f);
        NDArray[] batch = learnableBatch(manager);
        TrainingMethod awp = Recipes.method("pgd", Map.of("steps", "2", "awp_gamma", "0.01"), new EpsBall(Norm.Linf, 0.1));
        Map<Parameter, float[]> before = new java.util.LinkedHashMap<>();
        for (Parameter p : still.trainableParameters()) {
          before.put(p, p.getArray().toType(DataType.FLOAT32, true).toFloatArray());
        }
        TrainingMethod plain = Recipes.method("pgd", Map.of("steps", "2"), new EpsBall(Norm.Linf, 0.1));
        Engine.getInstance().setRandomSeed(11);
        float unperturbed = plain.step(still, batch[0], batch[1]);
        Engine.getInstance().setRandomSeed(11);
        float perturbed = awp.step(still, batch[0], batch[1]);
        // the same crafted batch, its loss taken at weights moved up the loss: the move happened
        assertTrue(perturbed > unperturbed, "AWP loss " + perturbed + " vs " + unperturbed + " (fp16 " + half + ")");
        for (Parameter p : still.trainableParameters()) {
          float[] after = p.getArray().toType(DataType.FLOAT32, true).toFloatArray();
          float[] was = before.get(p);
          for (int i = 0; i < was.length; i++) {
            // FP32: w + m - m may differ from w in its last bit; FP16: bit for bit
            assertEquals(was[i], after[i], half ? 0 : 1e-6f * Math.max(1, Math.abs(was[i])), p.getName() + " (fp16 " + half + ")");
          }
        }
      }
    }
    Engine.getInstance().setRandomSeed(5);
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = network(manager, true, 0.05f);
      NDArray[] batch = learnableBatch(manager);
      TrainingMethod awp = Recipes.method("pgd", Map.of("steps", "2", "awp_gamma", "0.01"), new EpsBall(Norm.Linf, 0.1));
      float first = awp.step(network, batch[0], batch[1]);
      float last = first;
      for (int i = 0; i < 10; i++) {
        last = awp.step(network, batch[0], batch[1]);
      }
      assertTrue(last < first * 0.7, "loss " + first + " -> " + last);
      for (Parameter p : network.trainableParameters()) {
        assertEquals(DataType.FLOAT16, p.getArray().getDataType());
      }
    }
  }

  private static Network network(NDManager manager, boolean half, float learningRate) {
    Shape image = new Shape(1, 28, 28);
    Block block = Architectures.build("small-cnn", 10, image);
    Architectures.initialize(block, manager, image, half ? DataType.FLOAT16 : DataType.FLOAT32);
    return new Network(block, manager, Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).optMomentum(0.9f).build(),
        half ? new DynamicLossScale() : null);
  }

  /** A learnable batch: the label is the brightest quarter of the image. */
  private static NDArray[] learnableBatch(NDManager manager) {
    NDArray y = manager.randomInteger(0, 4, new Shape(64), DataType.INT32);
    NDArray x = manager.randomUniform(0f, 0.3f, new Shape(64, 1, 28, 28));
    NDArray band = y.oneHot(4).toType(DataType.FLOAT32, false).repeat(1, 7).reshape(64, 1, 28, 1).mul(0.7f);
    return new NDArray[] {x.add(band).clip(0f, 1f), y};
  }
}
