package robustperf.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitecturesTest {
  private static final Shape CIFAR = new Shape(3, 32, 32);

  /** Reference counts: ../shared/reference/README.md (first four), torchvision and timm (the rest). */
  @ParameterizedTest
  @CsvSource({
    "resnet-18, 10, 3, 32, 11173962",
    "preact-resnet-18, 10, 3, 32, 11171146",
    "wrn-28-10, 10, 3, 32, 36479194",
    "wrn-34-10, 10, 3, 32, 46160474",
    "resnet-50, 1000, 3, 224, 25557032",
    "vit-p16-d12-w192-h3, 1000, 3, 224, 5717416",
    "vit-p16-d12-w384-h6, 1000, 3, 224, 22050664",
    "small-cnn, 10, 1, 28, 166406",
  })
  void parameterCountsEqualTheReference(String name, int classes, int channels, int side, long expected) {
    Shape image = new Shape(channels, side, side);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(name, classes, image);
      Architectures.initialize(block, manager, image);
      assertEquals(expected, Architectures.trainableParameters(block), name);
    }
  }

  /** The width-scaled small CNN of scaling grids, against its closed form; width 16 is Wong et al.'s. */
  @ParameterizedTest
  @CsvSource({"4", "8", "16", "24", "32", "48", "64"})
  void smallCnnWidthsFollowTheClosedForm(int width) {
    Shape image = new Shape(1, 28, 28);
    long hidden = 100L * width / 16;
    long expected = (16L * width + width) + (16L * width * 2 * width + 2 * width) + (2L * width * 49 * hidden + hidden) + (hidden * 10 + 10);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build("small-cnn-c" + width, 10, image);
      Architectures.initialize(block, manager, image);
      assertEquals(expected, Architectures.trainableParameters(block));
    }
    if (width == 16) {
      assertEquals(166406, expected, "width 16 is the original small CNN");
    }
  }

  /** PreActResNet-18 at width 64 is the original; parameters grow about with the width's square. */
  @Test
  void preActResNetWidthsScaleTheOriginal() {
    long[] counts = new long[3];
    int[] widths = {16, 32, 64};
    for (int i = 0; i < widths.length; i++) {
      try (NDManager manager = NDManager.newBaseManager()) {
        Block block = Architectures.build("preact-resnet-18-w" + widths[i], 10, CIFAR);
        Architectures.initialize(block, manager, CIFAR);
        counts[i] = Architectures.trainableParameters(block);
      }
    }
    assertEquals(11171146, counts[2]);
    for (int i = 1; i < counts.length; i++) {
      double ratio = (double) counts[i] / counts[i - 1];
      assertTrue(ratio > 3.9 && ratio < 4.0, "doubling the width multiplies the parameters by " + ratio);
    }
  }

  @Test
  void widthsThatBuildNoWholeLayerAreRefused() {
    Shape image = new Shape(1, 28, 28);
    assertThrows(IllegalArgumentException.class, () -> Architectures.build("small-cnn-c6", 10, image));
    assertThrows(IllegalArgumentException.class, () -> Architectures.build("small-cnn-c0", 10, image));
    assertThrows(IllegalArgumentException.class, () -> Architectures.build("preact-resnet-18-w0", 10, CIFAR));
  }

  /**
   * The other widths, checked against WRN's closed form (Zagoruyko and Komodakis): the
   * same formula gives the reference table's 36,479,194 and 46,160,474 for 28-10 and 34-10.
   */
  @ParameterizedTest
  @CsvSource({"34, 20", "70, 16", "16, 2", "28, 10"})
  void wideResNetCountsFollowTheClosedForm(int depth, int width) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build("wrn-" + depth + "-" + width, 10, CIFAR);
      Architectures.initialize(block, manager, CIFAR);
      assertEquals(wideResNetParameters(depth, width, 10), Architectures.trainableParameters(block));
    }
  }

  /** Stem conv, per block BN-conv-BN-conv (and a 1x1 shortcut where channels change), BN, FC. */
  private static long wideResNetParameters(int depth, int width, int classes) {
    int blocks = (depth - 4) / 6;
    long total = 3 * 16 * 9;
    long in = 16;
    for (long c : new long[] {16L * width, 32L * width, 64L * width}) {
      for (int b = 0; b < blocks; b++) {
        long i = b == 0 ? in : c;
        total += 2 * i + 9 * i * c + 2 * c + 9 * c * c + (i != c ? i * c : 0);
      }
      in = c;
    }
    return total + 2 * in + in * classes + classes;
  }

  @ParameterizedTest
  @CsvSource({"small-cnn, 1, 28", "preact-resnet-18, 3, 32", "wrn-16-2, 3, 32", "vit-tiny, 3, 32", "vit-p8-d2-w64-h4, 3, 32"})
  void forwardGivesOneLogitPerClassAndMatchesTheDeclaredShape(String name, int channels, int side) {
    Shape image = new Shape(channels, side, side);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(name, 10, image);
      Architectures.initialize(block, manager, image);
      NDArray x = manager.randomUniform(0, 1, new Shape(2).addAll(image));
      NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
      assertArrayEquals(new long[] {2, 10}, logits.getShape().getShape());
      assertEquals(new Shape(2, 10), block.getOutputShapes(new Shape[] {new Shape(2).addAll(image)})[0]);
    }
  }

  @Test
  void badNamesAreRefusedWithTheCatalog() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Architectures.build("wrn-27-10", 10, CIFAR));
    assertEquals(true, e.getMessage().contains("6n+4"));
    e = assertThrows(IllegalArgumentException.class, () -> Architectures.build("resnet-1000", 10, CIFAR));
    assertEquals(true, e.getMessage().contains("wrn-DEPTH-WIDTH"));
  }
}
