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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import robustperf.train.flops.FlopCount;
import robustperf.train.flops.FlopCounter;

/**
 * RobustBench's XCiT, ConvNeXt, Swin and ConvStem architectures against published parameter counts
 * and forward MACs, or, where nobody publishes them, against closed forms derived from the
 * reference definitions (RobustBench 78fcc9e4, robustbench/model_zoo/architectures/xcit.py,
 * convstem_models.py, MIMIR_swin_transformer.py; timm aa4b5850, timm/models/xcit.py, convnext.py,
 * swin_transformer.py).
 *
 * <p>Sources, cited by row below:
 * <ul>
 *   <li>TV: torchvision's weights metadata num_params (exact counts), pytorch/vision 07a929e8
 *       torchvision/models/convnext.py (ConvNeXt_{Tiny,Small,Base,Large}_Weights) and
 *       vision_transformer.py (ViT_B_16_Weights); 005bb13b torchvision/models/swin_transformer.py
 *       (Swin_B_Weights).
 *   <li>TIMM: huggingface/pytorch-image-models aa4b5850
 *       results/benchmark-infer-amp-nchw-pt240-cu124-rtx4090.csv, columns param_count (millions,
 *       two decimals) and infer_gmacs (GMACs per 224x224 image: multiply-accumulates, counted by
 *       timm's benchmark.py with fvcore or DeepSpeed, attention products included); line numbers
 *       are the file's (line 1 the header).
 * </ul>
 */
@Tag("slow")
class TransformerArchitecturesTest {
  private static final Shape IMAGENET = new Shape(3, 224, 224);
  private static final Shape CIFAR = new Shape(3, 32, 32);
  /** Half the last digit of a count published in millions with two decimals. */
  private static final double ROUNDING = 0.005e6;

  /**
   * Published parameters, exact (TV, where torchvision has the architecture) and to timm's rounding
   * (TIMM), and timm's GMACs (within 2%), 1,000 classes at 224. Our MACs run 0.1-0.5% under
   * timm's: its profilers also count arithmetic our convention leaves out (the Fourier features,
   * normalization's affine products).
   */
  @ParameterizedTest
  @CsvSource({
    // TIMM line 589 xcit_small_12_p16_224: RobustBench's XCiT-S12 (same arguments, eta 1.0)
    "xcit-s12, , 26.25, 4.82",
    // TV ConvNeXt_{Tiny,Small,Base,Large}_Weights; TIMM lines 347, 591, 794, 1014
    "convnext-t, 28589128, 28.59, 4.47",
    "convnext-s, 50223688, 50.22, 8.71",
    "convnext-b, 88591464, 88.59, 15.38",
    "convnext-l, 197767336, 197.77, 34.4",
    // TV Swin_B_Weights; TIMM lines 1013, 1146 (swin_base/large_patch4_window7_224)
    "swin-b, 87768224, 87.77, 15.47",
    "swin-l, , 196.53, 34.53",
    // TV ViT_B_16_Weights; TIMM line 629 vit_base_patch16_224 (plain ViT-B/16)
    "vit-p16-d12-w768-h12, 86567656, 86.57, 17.58",
  })
  void parametersAndMacsMatchThePublishedCounts(String name, Long exact, double millions, double gmacs) {
    FlopCount count = count(name, 1000, IMAGENET);
    if (exact != null) {
      assertEquals(exact, count.parameters(), name);
    }
    assertEquals(millions * 1e6, count.parameters(), ROUNDING, name);
    assertWithinTwoPercent(gmacs, count.macs(), name);
  }

  /**
   * Debenedetti et al.'s M12 and L12 are 12-layer variants nobody publishes a count for; timm
   * publishes the 24-layer XCiT-M24 and L24 of the same width and heads (TIMM lines 1040 and
   * 1165), which checks the width-dependent parts, and the closed forms below the depth.
   */
  @ParameterizedTest
  @CsvSource({"512, 8, 84.40, 16.13", "768, 16, 189.10, 35.86"})
  void xcitOfTimmsDepth24MatchesTimm(int width, int heads, double millions, double gmacs) {
    FlopCount count = count(new Xcit(width, 24, heads, 16).build(IMAGENET, 1000), IMAGENET);
    assertEquals(millions * 1e6, count.parameters(), ROUNDING);
    assertWithinTwoPercent(gmacs, count.macs(), "XCiT-" + width + "-24");
  }

  /** No published counts for the 12-layer M and L nor for the CIFAR adaptations: closed forms. */
  @ParameterizedTest
  @CsvSource({
    "xcit-s12, 384, 8, 16, 224, 1000",
    "xcit-m12, 512, 8, 16, 224, 1000",
    "xcit-l12, 768, 16, 16, 224, 1000",
    "xcit-s12-p4, 384, 8, 4, 32, 10",
    "xcit-m12-p4, 512, 8, 4, 32, 100",
    "xcit-l12-p4, 768, 16, 4, 32, 10",
  })
  void xcitFollowsItsClosedForms(String name, int width, int heads, int patch, int side, int classes) {
    FlopCount count = count(name, classes, new Shape(3, side, side));
    assertEquals(xcitParameters(width, 12, heads, classes), count.parameters(), name);
    assertEquals(xcitMacs(width, 12, heads, patch, side, classes), count.macs(), name);
    long tokens = (long) (side / patch) * (side / patch);
    assertEquals(12 * 2 * tokens * width * (width / heads) + classAttentionMacs(width, side / patch), count.attentionMacs(), name);
  }

  /**
   * XCiT's parameters: stem convolutions (no bias) with batch norm, Fourier projection (64 to C),
   * per layer 12C^2 + 40C + heads (qkv, projection, MLP, three norms, LPI's two depthwise 3x3
   * convolutions with bias and its batch norm, three layer scales, the temperatures), per
   * class-attention layer 12C^2 + 15C, class token, final norm, head.
   */
  private static long xcitParameters(long c, int depth, int heads, int classes) {
    long stem = 0;
    long in = 3;
    for (long out : new long[] {c / 8, c / 4, c / 2, c}) {
      stem += in * out * 9 + 2 * out;
      in = out;
    }
    long layer = 12 * c * c + 40 * c + heads;
    long classAttention = 12 * c * c + 15 * c;
    return stem + 65 * c + depth * layer + c + 2 * classAttention + 2 * c + c * classes + classes;
  }

  /**
   * XCiT's MACs: stem convolutions (RobustBench's patch 4 runs the first two at stride 1), the
   * Fourier projection on N = (side / patch)^2 positions, per layer N (12C^2 + 2Cd + 18C) with
   * d = C / heads (linear layers, cross-covariance attention, LPI), two class-attention layers and
   * the head.
   */
  private static long xcitMacs(long c, int depth, int heads, int patch, int side, int classes) {
    int[] strides = patch == 16 ? new int[] {2, 2, 2, 2} : new int[] {1, 1, 2, 2};
    long stem = 0;
    long in = 3;
    long size = side;
    long[] widths = {c / 8, c / 4, c / 2, c};
    for (int i = 0; i < 4; i++) {
      size /= strides[i];
      stem += size * size * in * 9 * widths[i];
      in = widths[i];
    }
    long tokens = (long) (side / patch) * (side / patch);
    long layer = tokens * (12 * c * c + 2 * c * (c / heads) + 18 * c);
    long classAttention = 2 * (tokens + 1) * c * c + 10 * c * c;
    return stem + tokens * 64 * c + depth * layer + 2 * classAttention + classAttentionMacs(c, (int) Math.sqrt(tokens)) + c * classes;
  }

  /** Both class-attention layers' products: one query over N + 1 tokens, twice. */
  private static long classAttentionMacs(long c, int grid) {
    return 2 * 2 * ((long) grid * grid + 1) * c;
  }

  /**
   * Swin-L with window 14 (RobustBench's build_swin_large for Xu2024MIMIR_Swin-L) has no published
   * count. It differs from Swin-L (TIMM line 1146, 196.53M) only in the relative position tables
   * of stages 1-3, 27^2 instead of 13^2 rows per head (stage 4's 7x7 map stays one 7x7 window).
   */
  @Test
  void swinLargeWindow14AddsOnlyLargerBiasTables() {
    long tables = (27 * 27 - 13 * 13) * (2 * 6 + 2 * 12 + 18 * 24);
    FlopCount window14 = count("swin-l-w14", 1000, IMAGENET);
    assertEquals(196.53e6 + tables, window14.parameters(), ROUNDING);
    assertEquals(swinMacs(192, new int[] {2, 2, 18, 2}, 14, 224, 1000), window14.macs());
  }

  @Test
  void swinBaseFollowsItsClosedForm() {
    assertEquals(swinMacs(128, new int[] {2, 2, 18, 2}, 7, 224, 1000), count("swin-b", 1000, IMAGENET).macs());
  }

  /**
   * Swin's MACs: the 4x4 patch convolution; per block on a g x g map of width C, 12 g^2 C^2 for
   * the linear layers and 2 g^2 w^2 C for window attention (w the window, at most g); patch
   * merging, 8 C^2 per output pixel; the head.
   */
  private static long swinMacs(long embed, int[] depths, int window, int side, int classes) {
    long grid = side / 4;
    long width = embed;
    long macs = grid * grid * width * 48;
    for (int stage = 0; stage < depths.length; stage++) {
      if (stage > 0) {
        grid /= 2;
        macs += grid * grid * 8 * width * width;
        width *= 2;
      }
      long w = Math.min(window, grid);
      macs += depths[stage] * (12 * grid * grid * width * width + 2 * grid * grid * w * w * width);
    }
    return macs + width * classes;
  }

  /**
   * Singh et al.'s ConvStem models have no published counts (their README, nmndeep/revisiting-at
   * d7166c0, lists none): each is its ConvNeXt (TV exact parameters; TIMM GMACs, lines 347, 591,
   * 794, 1014) less the 4x4 patch stem and its channel norm, plus the stem of convstem_models.py
   * (ConvBlock1(48) for T and S, ConvBlock3(64) and ConvBlock3(96) for B and L: 3x3 convolutions
   * with bias, each with a channel norm and GELU).
   */
  @ParameterizedTest
  @CsvSource({
    "convnext-t-convstem, 96, 28589128, 4.47, '48, 96', '2, 2'",
    "convnext-s-convstem, 96, 50223688, 8.71, '48, 96', '2, 2'",
    "convnext-b-convstem, 128, 88591464, 15.38, '64, 96, 128', '2, 2, 1'",
    "convnext-l-convstem, 192, 197767336, 34.4, '96, 144, 192', '2, 2, 1'",
  })
  void convNeXtConvStemsReplaceOnlyTheStem(
      String name, int width, long published, double gmacs, String stemWidths, String stemStrides) {
    List<Long> widths = longs(stemWidths);
    List<Long> strides = longs(stemStrides);
    long patchParameters = 48L * width + width + 2L * width;
    long patchMacs = 56L * 56 * width * 48;
    FlopCount count = count(name, 1000, IMAGENET);
    assertEquals(published - patchParameters + stemParameters(widths, 0), count.parameters(), name);
    assertWithinTwoPercent(gmacs - patchMacs / 1e9 + stemMacs(widths, strides, 0, 224) / 1e9, count.macs(), name);
  }

  /**
   * ViT-S and ViT-B with Singh et al.'s ConvBlock in place of the 16x16 patch convolution:
   * deit_small_patch16_224 (TIMM line 191: 22.05M, 4.61 GMACs) and vit_base_patch16_224 (TIMM line
   * 629: 86.57M, 17.58 GMACs) less the patch convolution, plus the ConvBlock (48 to 384 channels in
   * four stride-2 3x3 convolutions, then 1x1 to 384 or 768).
   */
  @ParameterizedTest
  @CsvSource({"vit-s-convstem, 384, 22.05, 4.61", "vit-b-convstem, 768, 86.57, 17.58"})
  void vitConvStemsReplaceOnlyThePatchConvolution(String name, long width, double millions, double gmacs) {
    List<Long> widths = List.of(48L, 96L, 192L, 384L);
    List<Long> strides = List.of(2L, 2L, 2L, 2L);
    long patchParameters = 3 * 16 * 16 * width + width;
    long patchMacs = 196 * 3 * 16 * 16 * width;
    FlopCount count = count(name, 1000, IMAGENET);
    assertEquals(millions * 1e6 - patchParameters + stemParameters(widths, width), count.parameters(), ROUNDING, name);
    assertWithinTwoPercent(gmacs - patchMacs / 1e9 + stemMacs(widths, strides, width, 224) / 1e9, count.macs(), name);
  }

  /** 3x3 convolutions with bias, each with a channel norm; then an optional 1x1 with bias. */
  private static long stemParameters(List<Long> widths, long projection) {
    long total = 0;
    long in = 3;
    for (long out : widths) {
      total += in * out * 9 + out + 2 * out;
      in = out;
    }
    return projection > 0 ? total + in * projection + projection : total;
  }

  private static long stemMacs(List<Long> widths, List<Long> strides, long projection, long side) {
    long total = 0;
    long in = 3;
    for (int i = 0; i < widths.size(); i++) {
      side /= strides.get(i);
      total += side * side * in * 9 * widths.get(i);
      in = widths.get(i);
    }
    return projection > 0 ? total + side * side * in * projection : total;
  }

  /**
   * A forward pass gives one logit per class and the declared output shape, one image each. One
   * architecture per code path: the giants not run here (XCiT-M12/L12, ConvNeXt-S/B/L and their
   * S/L ConvStems, Swin-L and Swin-L-w14) take tens of seconds on 2 shared cores and run no code
   * their smaller siblings do not; window 14 runs in {@link #swinWithWindow14Runs}.
   */
  @ParameterizedTest
  @CsvSource({
    "xcit-s12, 224, 1000", "xcit-s12-p4, 32, 10", "xcit-m12-p4, 32, 100",
    "convnext-t, 224, 1000", "convnext-t-convstem, 224, 1000", "convnext-b-convstem, 224, 1000",
    "swin-b, 224, 1000", "vit-s-convstem, 224, 1000",
  })
  void forwardGivesOneLogitPerClass(String name, int side, int classes) {
    assertTrue(Architectures.TRANSFORMERS.contains(name), name + " is listed");
    Shape image = new Shape(3, side, side);
    assertLogits(Architectures.build(name, classes, image), image, classes);
  }

  /** Swin-L-w14's paths (14x14 windows shifted by 7 with their mask, a map of one window) on a narrow Swin. */
  @Test
  void swinWithWindow14Runs() {
    SwinTransformer narrow = new SwinTransformer(32, List.of(2, 2, 2, 2), List.of(1, 2, 4, 8), 14, 1e-6f);
    assertLogits(narrow.build(IMAGENET, 1000), IMAGENET, 1000);
  }

  private static void assertLogits(Block block, Shape image, int classes) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Architectures.initialize(block, manager, image);
      NDArray x = manager.randomUniform(0, 1, new Shape(1).addAll(image));
      NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
      assertArrayEquals(new long[] {1, classes}, logits.getShape().getShape());
      assertEquals(new Shape(1, classes), block.getOutputShapes(new Shape[] {new Shape(1).addAll(image)})[0]);
      assertTrue(Float.isFinite(logits.sum().getFloat()));
    }
  }

  @Test
  void everyListedNameBuilds() {
    for (String name : Architectures.TRANSFORMERS) {
      Shape image = name.startsWith("xcit") && name.endsWith("-p4") ? CIFAR : IMAGENET;
      assertTrue(Architectures.build(name, 10, image) != null, name);
    }
  }

  /** A small XCiT-p4 on two CIFAR images: the batch axis is kept apart everywhere. */
  @Test
  void xcitKeepsImagesOfABatchApart() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = new Xcit(64, 2, 4, 4).build(CIFAR, 10);
      Architectures.initialize(block, manager, CIFAR);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray first = manager.randomUniform(0, 1, new Shape(1).addAll(CIFAR));
      NDArray second = manager.randomUniform(0, 1, new Shape(1).addAll(CIFAR));
      NDArray alone = block.forward(store, new NDList(first), false).singletonOrThrow();
      NDArray together = block.forward(store, new NDList(first.concat(second)), false).singletonOrThrow();
      assertTrue(alone.get(0).allClose(together.get(0), 1e-4, 1e-5, false));
    }
  }

  private static void assertWithinTwoPercent(double publishedGmacs, long macs, String name) {
    double counted = macs / 1e9;
    assertTrue(Math.abs(counted / publishedGmacs - 1) < 0.02, name + ": " + counted + " GMACs vs " + publishedGmacs);
  }

  private static List<Long> longs(String csv) {
    return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Long::parseLong).toList();
  }

  private static FlopCount count(String name, int classes, Shape image) {
    return count(Architectures.build(name, classes, image), image);
  }

  private static FlopCount count(Block block, Shape image) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Architectures.initialize(block, manager, image);
      return FlopCounter.count(block);
    }
  }
}
