package robustperf.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.junit.jupiter.api.Test;
import robustperf.train.loss.Losses;

class LogitEnsembleTest {
  private static final Shape IMAGE = new Shape(1, 28, 28);

  @Test
  void logitsAndInputGradientsAreTheMembersAverages() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      Block a = Architectures.build("small-cnn", 10, IMAGE);
      Architectures.initialize(a, manager, IMAGE);
      Engine.getInstance().setRandomSeed(2);
      Block b = Architectures.build("small-cnn", 10, IMAGE);
      Architectures.initialize(b, manager, IMAGE);
      Block ensemble = LogitEnsemble.of(List.of(a, b));

      NDArray x = manager.randomUniform(0f, 1f, new Shape(4).addAll(IMAGE));
      NDArray y = manager.create(new int[] {0, 3, 7, 9});
      Network na = new Network(a, manager, null);
      Network nb = new Network(b, manager, null);
      Network ne = new Network(ensemble, manager, null);
      float[] hand = na.logits(x, false).add(nb.logits(x, false)).div(2).toFloatArray();
      assertArrayEquals(hand, ne.logits(x, false).toFloatArray(), 1e-5f);

      // a class logit is linear in the logits, so its input gradient is the members' average too
      NDArray ga = na.inputGradient(x, l -> l.get(":, 3").sum(), false);
      NDArray gb = nb.inputGradient(x, l -> l.get(":, 3").sum(), false);
      NDArray ge = ne.inputGradient(x, l -> l.get(":, 3").sum(), false);
      assertArrayEquals(ga.add(gb).div(2).toFloatArray(), ge.toFloatArray(), 1e-5f);
      // and a cross-entropy gradient flows through the ensemble
      NDArray ce = ne.inputGradient(x, l -> Losses.crossEntropy(l, y), false);
      assertArrayEquals(new long[] {4, 1, 28, 28}, ce.getShape().getShape());
    }
  }

  @Test
  void oneMemberIsNoEnsemble() {
    assertThrows(IllegalArgumentException.class, () -> LogitEnsemble.of(List.of(Architectures.build("small-cnn", 10, IMAGE))));
  }
}
