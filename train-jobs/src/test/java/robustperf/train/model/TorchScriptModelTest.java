package robustperf.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptModelTest {
  private static final Path DIR = Path.of("src/test/resources/torchscript");

  /** The fixture (make_fixture.py, python3-torch 1.13) loads and computes PyTorch's logits. */
  @Test
  void anExternalModelComputesWhatPyTorchComputedAndHasInputGradients() throws IOException {
    float[] expected = toFloats(Files.readString(DIR.resolve("tiny-cnn-expected.txt")));
    try (TorchScriptModel model = TorchScriptModel.load(DIR.resolve("tiny-cnn.pt"), new float[0], new float[0]);
        NDManager manager = NDManager.newBaseManager()) {
      Network network = new Network(model.block(), manager, null);
      NDArray x = manager.full(new Shape(1, 1, 28, 28), 0.5f);
      assertArrayEquals(expected, network.logits(x, false).toFloatArray(), 1e-5f);
      NDArray gradient = network.inputGradient(x, logits -> logits.get(":, 3").sum(), false);
      assertTrue(gradient.abs().sum().getFloat() > 0, "the input gradient flows through the TorchScript module");
    }
  }

  @Test
  void normalizationIsAppliedInFront() throws IOException {
    try (TorchScriptModel plain = TorchScriptModel.load(DIR.resolve("tiny-cnn.pt"), new float[0], new float[0]);
        TorchScriptModel normalized = TorchScriptModel.load(DIR.resolve("tiny-cnn.pt"), new float[] {0.25f}, new float[] {0.5f});
        NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomUniform(0f, 1f, new Shape(2, 1, 28, 28));
      float[] a = new Network(plain.block(), manager, null).logits(x.sub(0.25f).div(0.5f), false).toFloatArray();
      float[] b = new Network(normalized.block(), manager, null).logits(x, false).toFloatArray();
      assertArrayEquals(a, b, 1e-5f);
    }
  }

  @Test
  void aBrokenFileIsNamed(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.pt"), "not torchscript");
    IOException e = assertThrows(IOException.class, () -> TorchScriptModel.load(bad, new float[0], new float[0]));
    assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
  }

  private static float[] toFloats(String text) {
    String[] parts = text.trim().split("\\s+");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Float.parseFloat(parts[i]);
    }
    return out;
  }
}
