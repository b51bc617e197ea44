package robustperf.train.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import robustperf.records.Norm;
import robustperf.train.loss.Losses;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

class AttacksTest {
  private static NDManager manager;
  private static Network network;
  private static NDArray x;
  private static NDArray y;

  @BeforeAll
  static void network() {
    Engine.getInstance().setRandomSeed(7);
    manager = NDManager.newBaseManager();
    Shape image = new Shape(1, 28, 28);
    Block block = Architectures.build("small-cnn", 10, image);
    Architectures.initialize(block, manager, image);
    network = new Network(block, manager, null);
    // Images with many pixels at 0 and 1, so that clipping to the image range matters.
    x = manager.randomUniform(-0.5f, 1.5f, new Shape(16, 1, 28, 28)).clip(0f, 1f);
    y = manager.randomInteger(0, 10, new Shape(16), DataType.INT32);
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void everyAttackStaysInItsBallAndTheImageRange() {
    for (Norm norm : Norm.values()) {
      double eps = norm == Norm.Linf ? 0.1 : 1.5;
      EpsBall ball = new EpsBall(norm, eps);
      List<Attack> attacks =
          List.of(
              new Pgd(ball, 5, eps / 4, Pgd.Start.UNIFORM),
              new Pgd(ball, 3, eps / 2, Pgd.Start.CLEAN),
              new Pgd(ball, 3, eps * 0.007 / 0.031, Pgd.Start.SMALL_GAUSSIAN),
              Pgd.fgsmRandomStart(ball),
              NoiseFgsm.of(ball));
      for (Attack attack : attacks) {
        NDArray adversarial = attack.perturb(x, network, logits -> Losses.crossEntropy(logits, y), false);
        NDArray delta = adversarial.sub(x);
        float largest = ball.perExampleNorm(delta).max().getFloat();
        String what = attack.name() + " " + norm;
        assertTrue(largest <= attack.bound() * (1 + 1e-5), what + ": |delta| " + largest + " > " + attack.bound());
        assertTrue(largest > 0, what + " did not move");
        assertTrue(adversarial.min().getFloat() >= 0 && adversarial.max().getFloat() <= 1, what + " left [0, 1]");
      }
    }
  }

  @Test
  void nFgsmReachesBeyondEpsBecauseItDoesNotProject() {
    EpsBall ball = new EpsBall(Norm.Linf, 0.1);
    NDArray delta = NoiseFgsm.of(ball).perturb(x, network, logits -> Losses.crossEntropy(logits, y), false).sub(x);
    assertTrue(delta.abs().max().getFloat() > 0.1 + 1e-3);
    assertEquals(0.3, NoiseFgsm.of(ball).bound(), 1e-12);
  }

  @Test
  void pgdLossRisesOverItsSteps() {
    EpsBall ball = new EpsBall(Norm.Linf, 0.1);
    double previous = loss(x);
    for (int steps : new int[] {1, 3, 10}) {
      Engine.getInstance().setRandomSeed(3);
      double now = loss(new Pgd(ball, steps, 0.025, Pgd.Start.CLEAN).perturb(x, network, l -> Losses.crossEntropy(l, y), false));
      assertTrue(now > previous, steps + " steps: loss " + now + " did not rise above " + previous);
      previous = now;
    }
  }

  @Test
  void l2ProjectionScalesOnlyWhatLiesOutside() {
    EpsBall ball = new EpsBall(Norm.L2, 1.0);
    NDArray delta = manager.create(new float[] {3, 4, 0.3f, 0.4f}, new Shape(2, 2));
    float[] projected = ball.project(delta).toFloatArray();
    assertEquals(0.6f, projected[0], 1e-6);
    assertEquals(0.8f, projected[1], 1e-6);
    assertEquals(0.3f, projected[2], 1e-6);
    assertEquals(0.4f, projected[3], 1e-6);
  }

  private static double loss(NDArray input) {
    return Losses.crossEntropy(network.logits(input, false), y).getFloat();
  }
}
