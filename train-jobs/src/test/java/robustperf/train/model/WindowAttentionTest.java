package robustperf.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which pixels a change to pixel (0, 0) of a 14x14 map reaches through one window attention. */
class WindowAttentionTest {

  /**
   * Unshifted, (0, 0) reaches its 7x7 window. Shifted by 3, it is rolled to (11, 11), inside the
   * bottom-right window but in the region of wrapped rows and columns, which the mask keeps to
   * itself: it reaches only the pixels that wrapped with it, rows and columns 0-2.
   */
  @ParameterizedTest
  @CsvSource({"0, 7", "3, 3"})
  void aPixelReachesOnlyItsWindowRegion(int shift, int reach) {
    Shape map = new Shape(1, 14, 14, 8);
    try (NDManager manager = NDManager.newBaseManager()) {
      WindowAttention attention = new WindowAttention(8, 2, 14, 7, shift);
      attention.initialize(manager, DataType.FLOAT32, map);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(map);
      NDArray nudge = manager.zeros(map);
      nudge.set(new NDIndex("0, 0, 0"), 1f);
      NDArray before = attention.forward(store, new NDList(x), false).singletonOrThrow();
      NDArray after = attention.forward(store, new NDList(x.add(nudge)), false).singletonOrThrow();
      float[] change = after.sub(before).abs().sum(new int[] {3}).toFloatArray();
      for (int row = 0; row < 14; row++) {
        for (int column = 0; column < 14; column++) {
          boolean reached = change[row * 14 + column] > 1e-5f;
          assertEquals(row < reach && column < reach, reached, "pixel (" + row + ", " + column + ")");
        }
      }
    }
  }
}
