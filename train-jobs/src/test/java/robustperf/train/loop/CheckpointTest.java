package robustperf.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

class CheckpointTest {
  /** The best checkpoint's evaluation must see the best weights, not the live ones. */
  @Test
  void aLoadedCheckpointIsWhatANewNetworkComputes(@TempDir Path dir) throws Exception {
    Engine.getInstance().setRandomSeed(3);
    Shape image = new Shape(1, 28, 28);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build("small-cnn", 10, image);
      Architectures.initialize(block, manager, image);
      NDArray x = manager.randomUniform(0f, 1f, new Shape(4, 1, 28, 28));
      Network before = new Network(block, manager, null);
      float[] saved = before.logits(x, false).toFloatArray();
      Path file = dir.resolve("checkpoint-best.params");
      TrainingRun.save(block, file);

      for (Parameter p : block.getParameters().values()) {
        p.getArray().muli(1.5f);
      }
      float[] changed = before.logits(x, false).toFloatArray();
      assertFalse(Arrays.equals(saved, changed), "the weights changed after the checkpoint");

      TrainingRun.load(block, manager, file);
      assertArrayEquals(saved, new Network(block, manager, null).logits(x, false).toFloatArray(), 1e-6f);
    }
  }
}
