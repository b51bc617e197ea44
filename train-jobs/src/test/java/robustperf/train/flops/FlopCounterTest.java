package robustperf.train.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import robustperf.train.model.Architectures;
import robustperf.train.model.SwinTransformer;
import robustperf.train.model.Xcit;
import robustperf.train.model.Nonlinearity;
import robustperf.train.model.SplitAttention;
import robustperf.train.model.SqueezeExcitation;

class FlopCounterTest {

  /** GMACs per 32x32 image from ../shared/reference/README.md; the counter must be within 1%. */
  @ParameterizedTest
  @CsvSource({"resnet-18, 0.555", "preact-resnet-18, 0.555", "wrn-28-10, 5.243", "wrn-34-10, 6.659"})
  void reproducesTheReferenceTableWithinOnePercent(String name, double gmacs) {
    FlopCount count = count(name, 10, new Shape(3, 32, 32));
    double measured = count.macs() / 1e9;
    assertTrue(Math.abs(measured / gmacs - 1) < 0.01, name + ": " + measured + " GMACs vs " + gmacs);
    assertEquals(2.0 * count.macs(), count.forwardFlops());
  }

  @Test
  void smallCnnIsCountedByHand() {
    FlopCount count = count("small-cnn", 10, new Shape(1, 28, 28));
    // conv1: 16x14x14 outputs x 1x4x4; conv2: 32x7x7 x 16x4x4; linear: 1568x100 + 100x10
    assertEquals(16 * 14 * 14 * 16 + 32 * 7 * 7 * 16 * 16, count.convolutionMacs());
    assertEquals(1568 * 100 + 100 * 10, count.linearMacs());
    assertEquals(16 * 14 * 14 + 32 * 7 * 7 + 100, count.activationFlops());
    assertEquals(0, count.attentionMacs());
  }

  @Test
  void vitCountsAttentionProducts() {
    // 64 patches + class token, width 192, 12 units: 2 x 65^2 x 192 MACs per unit.
    FlopCount count = count("vit-tiny", 10, new Shape(3, 32, 32));
    assertEquals(12L * 2 * 65 * 65 * 192, count.attentionMacs());
    assertTrue(count.normalizationFlops() > 0);
  }

  @Test
  void depthwiseConvolutionsCountOneInputChannelPerFilter() {
    // 32 channels on 8x8, 7x7 kernel, one group per channel: 64 x 32 x 49 MACs, not x 32 more.
    Block depthwise =
        Conv2d.builder()
            .setFilters(32)
            .setKernelShape(new Shape(7, 7))
            .optPadding(new Shape(3, 3))
            .optGroups(32)
            .build();
    try (NDManager manager = NDManager.newBaseManager()) {
      depthwise.initialize(manager, DataType.FLOAT32, new Shape(1, 32, 8, 8));
      assertEquals(64L * 32 * 49, FlopCounter.count(depthwise).convolutionMacs());
    }
  }

  @Test
  void xcitCountsCrossCovarianceAndClassAttention() {
    // Width 64, 4 heads (d = 16), 2 layers on 8x8 = 64 patches; 2 class-attention layers over 65 tokens.
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape image = new Shape(3, 32, 32);
      Block block = new Xcit(64, 2, 4, 4).build(image, 10);
      Architectures.initialize(block, manager, image);
      assertEquals(2L * 2 * 64 * 64 * 16 + 2L * 2 * 65 * 64, FlopCounter.count(block).attentionMacs());
    }
  }

  @Test
  void swinCountsWindowAttention() {
    // 224 / 4 = 56: maps 56, 28, 14, 7 with windows 7, 7, 7, 7 (the last the whole map); 2 x HW x 49 x C per block.
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape image = new Shape(3, 224, 224);
      Block block = new SwinTransformer(16, List.of(2, 2, 2, 2), List.of(1, 2, 4, 8), 7, 1e-5f).build(image, 10);
      Architectures.initialize(block, manager, image);
      long perStage = 2L * 2 * 56 * 56 * 49 * 16; // halving the map and doubling the width halves it
      assertEquals(perStage + perStage / 2 + perStage / 4 + perStage / 8, FlopCounter.count(block).attentionMacs());
    }
  }

  @Test
  void groupedConvolutionsCountTheirGroupsInputsOnly() {
    // 8 -> 8 channels, 3x3, 2 groups on a 4x4 map: each of 8 x 4 x 4 outputs reads 4 channels x 9.
    Block conv =
        Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).optGroups(2).build();
    FlopCount count = count(conv, new Shape(8, 4, 4));
    assertEquals(8 * 4 * 4 * 4 * 9, count.convolutionMacs());
  }

  @Test
  void squeezeExcitationCountsItsGateAndItsScaling() {
    // 8 channels on 4x4, squeezed to 2: 1x1 convs of 8 x 2 and 2 x 8 MACs; ReLU on 2, sigmoid on 8,
    // 128 products scaling the input; pooling reads the 128 inputs.
    FlopCount count = count(new SqueezeExcitation(8, 2, Nonlinearity.RELU), new Shape(8, 4, 4));
    assertEquals(8 * 2 + 2 * 8, count.convolutionMacs());
    assertEquals(2 + 8 + 128, count.activationFlops());
    assertEquals(128, count.poolingFlops());
  }

  @Test
  void splitAttentionCountsItsConvolutionsAndItsWeightedSum() {
    // 8 channels, radix 2, on 4x4: a 3x3 conv 8 -> 16 in 2 groups, then 1x1 convs 8 -> 32 -> 16
    // (32 is the floor on the bottleneck); SiLU on 256 maps and 32 units; the weighted sum of
    // (3 x 2 - 2) x 128 FLOPs and a softmax of 2 x 16 weights.
    FlopCount count = count(new SplitAttention(8, 2, 1, Nonlinearity.SILU), new Shape(8, 4, 4));
    assertEquals(16 * 4 * 4 * 4 * 9 + 8 * 32 + 32 * 16, count.convolutionMacs());
    assertEquals(256 + 32 + 4 * 128 + 2 * 16, count.activationFlops());
    assertEquals(128, count.poolingFlops());
  }

  @Test
  void pgdTrainingCostsTwoKPlusThreeForwardPasses() {
    // PGD-10, one example: 11 forwards (10 attack + 1 training), 10 input backwards, 1 full backward.
    TrainingFlops passes = new TrainingFlops(11, 10, 1, 10, 10);
    assertEquals(23.0, passes.total(1.0));
    assertEquals(20.0, passes.attack(1.0));
  }

  private static FlopCount count(Block block, Shape image) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Architectures.initialize(block, manager, image);
      return FlopCounter.count(block);
    }
  }

  private static FlopCount count(String name, int classes, Shape image) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(name, classes, image);
      Architectures.initialize(block, manager, image);
      return FlopCounter.count(block);
    }
  }
}
