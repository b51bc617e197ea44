package robustperf.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import robustperf.train.flops.FlopCount;
import robustperf.train.flops.FlopCounter;

/**
 * The convolutional nets of RobustBench entries against published parameter counts and forward
 * costs. Each registered net is built and initialized once (for one image), counted, and run
 * forward on that image. Where nobody publishes a count, the count is checked against a closed
 * form written from the reference code, and the closed form against published counts of
 * relatives where there are some.
 *
 * <p>Sources (commits are those of the fetched repositories):
 *
 * <ul>
 *   <li>TIMM: huggingface/pytorch-image-models at aa4b5850c1543fa488abf260f18390eda46cf85d,
 *       {@code results/results-imagenet.csv} (param_count, millions to 2 decimals) and
 *       {@code results/benchmark-infer-amp-nchw-pt240-cu124-rtx4090.csv} (infer_gmacs: GMACs, not
 *       FLOPs, per 224x224 image).
 *   <li>TORCHVISION: the model pages of https://pytorch.org/vision/stable/models/ (num_params, and
 *       "GFLOPS" that are in fact GMACs: ResNet-50 is listed at 4.09).
 *   <li>RRN: zhichao-lu/robust-residual-network at 8c6d2c2a3ecf34637a5ebf945264ccc4809f4245,
 *       {@code README.md}: #P (parameters) and #F, which are MACs (their WRN-28-10 row, line 70,
 *       gives 5.20G; our counter's 5.243 GMACs are the reference table's).
 *   <li>POLOCLUB: poloclub/robust-principles at b54c5623f475badb41fc9ef42d742d10bfb70d3f,
 *       {@code README.md} lines 72-74 (#Param of the ImageNet Ra nets).
 *   <li>AKAMASTER: akamaster/pytorch_resnet_cifar10 at d5489e8995e81e91ce6b1d69dcc98ad579b0b153,
 *       {@code README.md} lines 10, 11, 14 (the # params of He et al. 2016's Table 6).
 * </ul>
 */
class RobustBenchConvNetsTest {
  private static final int CIFAR_CLASSES = 10;

  /** What one initialization of a net gives; logits null where the forward pass was skipped. */
  private record Measured(long parameters, FlopCount cost, long[] logits) {
    double gmacs() {
      return cost.macs() / 1e9;
    }
  }

  /** Builds, initializes for one side x side image, counts and runs that image forward. */
  private static Measured measure(String name, int classes, int side) {
    return measure(name, classes, side, true);
  }

  private static Measured measure(String name, int classes, int side, boolean forward) {
    Shape image = new Shape(3, side, side);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(name, classes, image);
      Architectures.initialize(block, manager, image);
      FlopCount cost = FlopCounter.count(block);
      if (!forward) {
        return new Measured(Architectures.trainableParameters(block), cost, null);
      }
      NDArray x = manager.randomUniform(0, 1, new Shape(1).addAll(image));
      NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
      return new Measured(Architectures.trainableParameters(block), cost, logits.getShape().getShape());
    }
  }

  private static long parameters(Block block, Shape image) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Architectures.initialize(block, manager, image);
      return Architectures.trainableParameters(block);
    }
  }

  private static void assertWithin(double relative, double expected, double actual, String what) {
    assertTrue(Math.abs(actual / expected - 1) <= relative, what + ": " + actual + " vs published " + expected);
  }

  /** A published count printed in millions to {@code decimals} places must be our count so rounded. */
  private static void assertRoundsTo(double millions, int decimals, long count, String what) {
    double scale = Math.pow(10, decimals);
    assertEquals(millions, Math.round(count / 1e6 * scale) / scale, 1e-9, what + ": " + count);
  }

  /**
   * torchvision's ImageNet layouts at 224x224 with 1,000 classes. Parameters: TORCHVISION
   * (resnet18 11,689,512; resnet152 60,192,808) and torchvision's {@code models/resnet.py}
   * Wide_ResNet50_2_Weights meta (68,883,240), each also TIMM results-imagenet.csv lines 1516,
   * 1231, 1213 (11.69, 60.19, 68.88 M). GMACs: TIMM benchmark csv lines 79, 831, 626 (1.82, 11.56,
   * 11.43); TORCHVISION lists 1.81 and 11.51 for the first two.
   */
  @ParameterizedTest
  @CsvSource({
    "resnet-18-imagenet, 11689512, 1.82",
    "resnet-152, 60192808, 11.56",
    "wrn-50-2, 68883240, 11.43",
  })
  void torchvisionLayoutsHaveTorchvisionsCountsAndTimmsMacs(String name, long parameters, double gmacs) {
    Measured net = measure(name, 1000, 224);
    assertEquals(parameters, net.parameters(), name);
    assertWithin(0.02, gmacs, net.gmacs(), name);
    assertArrayEquals(new long[] {1, 1000}, net.logits());
  }

  /**
   * MadryLab/robustness (a9541241defd9972e9334bfcdb804f6aefe24dc7) {@code cifar_models/resnet.py}
   * ResNet50, which RobustBench builds for Engstrom2019Robustness and Augustin2020Adversarial. No
   * count is published for it; it is torchvision's ResNet-50 (25,557,032 parameters, TORCHVISION)
   * with the 7x7 stem convolution replaced by a 3x3 one and a 10-class head.
   */
  @Test
  void resNet50CifarIsTorchvisionsResNet50WithTheCifarStemAndHead() {
    Measured net = measure("resnet-50-cifar", CIFAR_CLASSES, 32);
    long stemSwap = -3 * 64 * 7 * 7 + 3 * 64 * 3 * 3;
    long headSwap = -(2048 * 1000 + 1000) + (2048 * CIFAR_CLASSES + CIFAR_CLASSES);
    long expected = 25_557_032L + stemSwap + headSwap;
    assertEquals(expected, net.parameters());
    assertArrayEquals(new long[] {1, CIFAR_CLASSES}, net.logits());
  }

  /**
   * He et al.'s CIFAR ResNets: the paper's Table 6 prints 0.27M, 0.46M and 1.7M (AKAMASTER lines
   * 10, 11, 14), matched at that precision; the exact count is the closed form.
   */
  @ParameterizedTest
  @CsvSource({"20, 0.27, 2", "32, 0.46, 2", "110, 1.7, 1"})
  void heCifarResNetsHaveThePapersCounts(int depth, double millions, int decimals) {
    Measured net = measure("resnet-" + depth, CIFAR_CLASSES, 32);
    assertRoundsTo(millions, decimals, net.parameters(), "resnet-" + depth);
    assertEquals(cifarResNetParameters(depth, CIFAR_CLASSES), net.parameters());
    assertArrayEquals(new long[] {1, CIFAR_CLASSES}, net.logits());
  }

  /** Stem conv and BN; per unit two 3x3 convolutions with BN (option-A shortcuts are free); FC. */
  private static long cifarResNetParameters(int depth, int classes) {
    int n = (depth - 2) / 6;
    long total = 3 * 16 * 9 + 2 * 16;
    long in = 16;
    for (long width : new long[] {16, 32, 64}) {
      for (int unit = 0; unit < n; unit++) {
        total += 9 * in * width + 2 * width + 9 * width * width + 2 * width;
        in = width;
      }
    }
    return total + 64L * classes + classes;
  }

  /**
   * DenseNet-121 for CIFAR (kWTA's {@code DenseNet121}, Xiao2020Enhancing's architecture). No count
   * is published for it. The closed form, given torchvision's stem (7x7 convolution and BN), gives
   * TORCHVISION's densenet169 and densenet201 counts (14,149,480 and 20,013,928) and TIMM's
   * densenet121 (7.98 M, results-imagenet.csv line 1431); with the 3x3 stem and 10 classes it must
   * give our count.
   */
  @Test
  void denseNet121CifarFollowsTheClosedFormThatGivesTorchvisionsCounts() {
    long imageNetStem = 3 * 64 * 49 + 2 * 64;
    assertEquals(14_149_480L, denseNetParameters(List.of(6, 12, 32, 32), imageNetStem, 1000));
    assertEquals(20_013_928L, denseNetParameters(List.of(6, 12, 48, 32), imageNetStem, 1000));
    assertRoundsTo(7.98, 2, denseNetParameters(List.of(6, 12, 24, 16), imageNetStem, 1000), "densenet121");

    Measured net = measure("densenet-121-cifar", CIFAR_CLASSES, 32);
    assertEquals(denseNetParameters(List.of(6, 12, 24, 16), 3 * 64 * 9, CIFAR_CLASSES), net.parameters());
    assertArrayEquals(new long[] {1, CIFAR_CLASSES}, net.logits());
  }

  /** Growth 32: per unit BN, 1x1 conv to 128, BN, 3x3 conv to 32; per transition BN, 1x1 conv to half; BN, FC. */
  private static long denseNetParameters(List<Integer> units, long stem, int classes) {
    long growth = 32;
    long maps = 2 * growth;
    long total = stem;
    for (int stage = 0; stage < units.size(); stage++) {
      for (int unit = 0; unit < units.get(stage); unit++) {
        total += 2 * maps + maps * 4 * growth + 2 * 4 * growth + 9 * 4 * growth * growth;
        maps += growth;
      }
      if (stage < units.size() - 1) {
        total += 2 * maps + maps * (maps / 2);
        maps /= 2;
      }
    }
    return total + 2 * maps + maps * classes + classes;
  }

  /**
   * ResNeSt-152 for CIFAR (Sehwag2021Proxy_ResNest152). No count is published for it. The closed
   * form gives TIMM's ImageNet ResNeSts (radix 2; results-imagenet.csv lines 906, 606, 440, 334:
   * 27.48, 48.28, 70.20, 110.93 M; their strides and pooling do not change the count), our
   * ResNeSt block at resnest50d's settings gives TIMM's 27.48 M, and at RobustBench's settings
   * (radix 4, stem 64, units 3, 8, 36, 3) the closed form must give our count.
   */
  @Test
  void resNeSt152CifarFollowsTheClosedFormThatGivesTimmsCounts() {
    assertRoundsTo(27.48, 2, resNeStParameters(32, List.of(3, 4, 6, 3), 2, 1000), "resnest50d");
    assertRoundsTo(48.28, 2, resNeStParameters(64, List.of(3, 4, 23, 3), 2, 1000), "resnest101e");
    assertRoundsTo(70.20, 2, resNeStParameters(64, List.of(3, 24, 36, 3), 2, 1000), "resnest200e");
    assertRoundsTo(110.93, 2, resNeStParameters(64, List.of(3, 30, 48, 8), 2, 1000), "resnest269e");
    Block resnest50d = new ResNeSt(32, List.of(3, 4, 6, 3), 2, Nonlinearity.RELU).build(1000);
    assertRoundsTo(27.48, 2, parameters(resnest50d, new Shape(3, 32, 32)), "our resnest50d");

    Measured net = measure("resnest-152-cifar", CIFAR_CLASSES, 32);
    assertEquals(resNeStParameters(64, List.of(3, 8, 36, 3), 4, CIFAR_CLASSES), net.parameters());
    assertArrayEquals(new long[] {1, CIFAR_CLASSES}, net.logits());
  }

  /**
   * Deep stem (3x3 convs to s, s, 2s with BN); per unit a 1x1 conv with BN, the split attention
   * (3x3 conv in radix groups to radix x width, BN, two 1x1 convs with bias through
   * max(radix x width / 4, 32) channels with BN), a 1x1 conv to 4 x width with BN, and a 1x1
   * projection with BN where shape changes; FC.
   */
  private static long resNeStParameters(long stem, List<Integer> units, long radix, int classes) {
    long total = 3 * stem * 9 + 2 * stem + stem * stem * 9 + 2 * stem + stem * 2 * stem * 9 + 2 * 2 * stem;
    long in = 2 * stem;
    for (int stage = 0; stage < units.size(); stage++) {
      long width = 64L << stage;
      for (int unit = 0; unit < units.get(stage); unit++) {
        long attention = Math.max(width * radix / 4, 32);
        total += in * width + 2 * width;
        total += 9 * width * width + 2 * width * radix;
        total += width * attention + attention + 2 * attention + attention * width * radix + width * radix;
        total += width * 4 * width + 2 * 4 * width;
        if (in != 4 * width || (stage > 0 && unit == 0)) {
          total += in * 4 * width + 2 * 4 * width;
        }
        in = 4 * width;
      }
    }
    return total + in * classes + classes;
  }

  /**
   * RaWRN-70-16 for CIFAR (Peng2023Robust). Nobody publishes its count (not the robust-principles
   * README nor RobustBench's model_info), so it is checked against the closed form. Initializing
   * its 267M parameters takes ~20 s on two cores and a forward pass as long again, so the forward
   * pass is left to the small RaWideResNet of {@link #smallMembersGiveOneLogitPerClassForABatch}.
   */
  @Test
  void raWideResNet70x16FollowsTheClosedForm() {
    Measured net = measure("rawrn-70-16", CIFAR_CLASSES, 32, false);
    assertEquals(raWideResNetParameters(CIFAR_CLASSES), net.parameters());
  }

  /** Stem conv; per unit BN, 3x3 conv, BN, 3x3 conv, SE (two 1x1 convs with bias), 1x1 shortcut; BN, FC. */
  private static long raWideResNetParameters(int classes) {
    long total = 3 * 96 * 9;
    long in = 96;
    long[] widths = {216, 432, 864};
    int[] units = {30, 31, 10};
    for (int stage = 0; stage < 3; stage++) {
      long width = widths[stage];
      long squeeze = width / 4;
      for (int unit = 0; unit < units[stage]; unit++) {
        total += 2 * in + 9 * in * width + 2 * width + 9 * width * width;
        total += width * squeeze + squeeze + squeeze * width + width;
        total += in != width ? in * width : 0;
        in = width;
      }
    }
    return total + 2 * in + in * classes + classes;
  }

  /**
   * RaWRN-101-2 for ImageNet (Peng2023Robust): POLOCLUB line 74 publishes 104M, which our count
   * matches within 0.1%; exactly, it is the closed form. The same class at MODEL.mk's RaResNet-50
   * and RaResNet-101 settings gives POLOCLUB's 26M and 46M (lines 72, 73). No forward cost is
   * published. The forward pass (over 20 s with initialization on two cores) is left to the small
   * RaResNet of {@link #smallMembersGiveOneLogitPerClassForABatch}.
   */
  @Test
  void raWideResNet101x2HasPoloclubsCount() {
    Measured net = measure("rawrn-101-2", 1000, 224, false);
    assertWithin(0.001, 104e6, net.parameters(), "rawrn-101-2");
    assertEquals(
        raResNetParameters(List.of(512, 1024, 2016, 4032), List.of(7, 11, 18, 1), List.of(64, 128, 252, 504), 1000),
        net.parameters());

    Shape small = new Shape(3, 64, 64);
    RaResNet raResNet50 =
        new RaResNet(96, List.of(288, 576, 1120, 2160), List.of(5, 8, 13, 1), List.of(36, 72, 140, 270));
    assertRoundsTo(26, 0, parameters(raResNet50.build(1000), small), "RaResNet-50");
    RaResNet raResNet101 =
        new RaResNet(96, List.of(336, 672, 1328, 2624), List.of(7, 11, 18, 1), List.of(42, 84, 166, 328));
    assertRoundsTo(46, 0, parameters(raResNet101.build(1000), small), "RaResNet-101");
  }

  /**
   * Stem 7x7 conv with BN; per unit a 1x1 conv to width / 4, a grouped 3x3 conv with BN, SE
   * squeezing to a quarter of the unit's input width (two 1x1 convs with bias), a 1x1 conv with BN,
   * and a 1x1 projection with BN at each stage's first (strided) unit; FC.
   */
  private static long raResNetParameters(
      List<Integer> widths, List<Integer> units, List<Integer> groupWidths, int classes) {
    long total = 3 * 96 * 49 + 2 * 96;
    long in = 96;
    for (int stage = 0; stage < 4; stage++) {
      long width = widths.get(stage);
      long inner = width / 4;
      long groups = inner / groupWidths.get(stage);
      for (int unit = 0; unit < units.get(stage); unit++) {
        long squeeze = in / 4;
        total += in * inner + 9 * inner * (inner / groups) + 2 * inner;
        total += inner * squeeze + squeeze + squeeze * inner + inner;
        total += inner * width + 2 * width;
        total += unit == 0 ? in * width + 2 * width : 0;
        in = width;
      }
    }
    return total + in * classes + classes;
  }

  /**
   * WRN-34-R (Huang2021Exploring) and WRN-A4 (Huang2022Revisiting_WRN-A4): RRN lines 74 and 76
   * publish 68.1M / 19.1G and 147M / 40.4G (#P / #F, GMACs); the exact count is the closed form.
   */
  @ParameterizedTest
  @MethodSource("robustWideResNets")
  void robustWideResNetsHaveTheirPapersCountsAndCosts(
      String name, double millions, int decimals, double gmacs, List<Integer> widths, List<Integer> units) {
    Measured net = measure(name, CIFAR_CLASSES, 32);
    assertRoundsTo(millions, decimals, net.parameters(), name);
    assertEquals(wideResNetParameters(widths, units, CIFAR_CLASSES), net.parameters());
    assertWithin(0.02, gmacs, net.gmacs(), name);
    assertArrayEquals(new long[] {1, CIFAR_CLASSES}, net.logits());
  }

  static Stream<Arguments> robustWideResNets() {
    return Stream.of(
        Arguments.of("wrn-34-r", 68.1, 1, 19.1, List.of(320, 640, 512), List.of(5, 5, 5)),
        Arguments.of("wrn-a4", 147.0, 0, 40.4, List.of(160, 448, 384), List.of(27, 28, 13)));
  }

  /** Stem conv; per unit BN, 3x3 conv, BN, 3x3 conv and a 1x1 shortcut where channels change; BN, FC. */
  private static long wideResNetParameters(List<Integer> widths, List<Integer> units, int classes) {
    long total = 3 * 16 * 9;
    long in = 16;
    for (int stage = 0; stage < 3; stage++) {
      long width = widths.get(stage);
      for (int unit = 0; unit < units.get(stage); unit++) {
        total += 2 * in + 9 * in * width + 2 * width + 9 * width * width + (in != width ? in * width : 0);
        in = width;
      }
    }
    return total + 2 * in + in * classes + classes;
  }

  /**
   * CROWN-IBP's DM-large CNN (Zhang2020Towards). Neither CROWN-IBP's README nor RobustBench's
   * model_info ("5-layer-CNN") gives a count, so parameters and MACs are checked by hand.
   */
  @Test
  void ibpLargeCnnIsCountedByHand() {
    Measured net = measure("ibp-large-cnn", CIFAR_CLASSES, 32);
    long convolutions = (3 * 64 * 9 + 64) + (64 * 64 * 9 + 64) + (64 * 128 * 9 + 128) + 2 * (128 * 128 * 9 + 128);
    long linear = (16 * 16 * 128 * 512 + 512) + (512 * CIFAR_CLASSES + CIFAR_CLASSES);
    assertEquals(convolutions + linear, net.parameters());
    // 32x32 maps for the first two convolutions, 16x16 for the other three.
    long convolutionMacs = 32 * 32 * (64 * 3 * 9 + 64 * 64 * 9) + 16 * 16 * (128 * 64 * 9 + 2 * 128 * 128 * 9);
    assertEquals(convolutionMacs, net.cost().convolutionMacs());
    assertEquals(16 * 16 * 128 * 512 + 512 * CIFAR_CLASSES, net.cost().linearMacs());
    assertArrayEquals(new long[] {1, CIFAR_CLASSES}, net.logits());
  }

  /** Small members of each new family, for a batch of two: the shape a forward pass gives is the declared one. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("smallNets")
  void smallMembersGiveOneLogitPerClassForABatch(String family, Block block, int side) {
    Shape image = new Shape(3, side, side);
    try (NDManager manager = NDManager.newBaseManager()) {
      Architectures.initialize(block, manager, image);
      NDArray x = manager.randomUniform(0, 1, new Shape(2).addAll(image));
      NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
      assertArrayEquals(new long[] {2, 7}, logits.getShape().getShape(), family);
      assertEquals(new Shape(2, 7), block.getOutputShapes(new Shape[] {new Shape(2).addAll(image)})[0], family);
    }
  }

  static Stream<Arguments> smallNets() {
    int classes = 7;
    return Stream.of(
        Arguments.of(
            "torchvision wide bottleneck",
            new ResNet(ResNet.Stem.IMAGENET, true, List.of(1, 1, 1, 1), 2).build(classes),
            64),
        Arguments.of("He CIFAR", new CifarResNet(8).build(classes), 32),
        Arguments.of("DenseNet", new DenseNet(List.of(2, 1, 1), 8).build(classes), 32),
        Arguments.of("ResNeSt", new ResNeSt(8, List.of(1, 2, 1, 1), 4, Nonlinearity.SILU).build(classes), 32),
        Arguments.of(
            "RaWideResNet", new RaWideResNet(8, List.of(16, 24, 32), List.of(1, 2, 1), 0.25).build(classes), 32),
        Arguments.of(
            "RaResNet",
            new RaResNet(16, List.of(32, 64, 64, 128), List.of(1, 2, 1, 1), List.of(8, 8, 16, 16)).build(classes),
            64),
        Arguments.of(
            "SiLU WideResNet",
            new WideResNet(16, List.of(16, 32, 24), List.of(1, 2, 1), Nonlinearity.SILU).build(classes),
            32),
        Arguments.of("IBP large", ConvNets.ibpLargeCnn(classes), 32));
  }
}
