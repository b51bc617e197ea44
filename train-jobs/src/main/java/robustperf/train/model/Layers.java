package robustperf.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The layers the architectures share, configured as in their PyTorch reference code (convolutions
 * without bias before batch norm, batch-norm momentum 0.1 in PyTorch's sense). Parameter-free
 * layers are named lambdas so that the FLOP counter can tell activations from pooling.
 */
public final class Layers {
  /** Names of parameter-free blocks, read by the FLOP counter. */
  public static final String RELU = "relu";

  public static final String GELU = "gelu";
  public static final String SILU = "silu";
  public static final String SIGMOID = "sigmoid";
  public static final String AVG_POOL = "avgpool";
  public static final String MAX_POOL = "maxpool";
  public static final String FLATTEN = "flatten";

  private Layers() {}

  static Conv2d conv(int filters, int kernel, int stride, int padding, boolean bias) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(bias)
        .build();
  }

  /** A grouped convolution without bias (ResNeXt-style; {@code groups} = 1 is a plain one). */
  static Conv2d groupedConv(int filters, int kernel, int stride, int padding, int groups) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optGroups(groups)
        .optBias(false)
        .build();
  }

  /** 3x3 convolution with padding 1 and no bias. */
  static Conv2d conv3x3(int filters, int stride) {
    return conv(filters, 3, stride, 1, false);
  }

  /** 1x1 projection with no bias. */
  static Conv2d conv1x1(int filters, int stride) {
    return conv(filters, 1, stride, 0, false);
  }

  /** Depthwise convolution (one filter per channel) with bias, padded to keep the size. */
  static Conv2d depthwiseConv(int channels, int kernel) {
    return Conv2d.builder()
        .setFilters(channels)
        .setKernelShape(new Shape(kernel, kernel))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optGroups(channels)
        .optBias(true)
        .build();
  }

  /**
   * Layer norm over the last axis (DJL needs its index).
   *
   * @param lastAxis index of the last axis of the input
   * @param epsilon added to the variance
   */
  static LayerNorm layerNorm(int lastAxis, float epsilon) {
    return LayerNorm.builder().axis(lastAxis).optEpsilon(epsilon).build();
  }

  static BatchNorm batchNorm() {
    return batchNorm(0.1f);
  }

  /** @param torchMomentum PyTorch's momentum, the weight of the new batch in the running statistics */
  static BatchNorm batchNorm(float torchMomentum) {
    // DJL's momentum weighs the running value: 0.9 here is PyTorch's momentum=0.1.
    return BatchNorm.builder().optMomentum(1f - torchMomentum).optEpsilon(1e-5f).build();
  }

  static LambdaBlock relu() {
    return LambdaBlock.singleton(Activation::relu, RELU);
  }

  static LambdaBlock gelu() {
    return LambdaBlock.singleton(Activation::gelu, GELU);
  }

  /** SiLU (swish with beta 1), PyTorch's {@code nn.SiLU}: x * sigmoid(x). */
  static LambdaBlock silu() {
    return LambdaBlock.singleton(x -> Activation.swish(x, 1f), SILU);
  }

  static LambdaBlock sigmoid() {
    return LambdaBlock.singleton(Activation::sigmoid, SIGMOID);
  }

  /** Batch norm then the nonlinearity, nested in one block (the tree pre-activation nets had). */
  static SequentialBlock batchNormThen(Nonlinearity nonlinearity) {
    return new SequentialBlock().add(batchNorm()).add(nonlinearity.block());
  }

  static LambdaBlock globalAveragePool() {
    return LambdaBlock.singleton(x -> Pool.globalAvgPool2d(x), AVG_POOL);
  }

  /** Global average pooling to (batch, channels, 1, 1), as PyTorch's {@code AdaptiveAvgPool2d(1)}. */
  static LambdaBlock globalAveragePoolKeepingMaps() {
    return LambdaBlock.singleton(
        x -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1), 1, 1), AVG_POOL);
  }

  /**
   * Average pooling as PyTorch's {@code nn.AvgPool2d}.
   *
   * @param ceil round the output size up ({@code ceil_mode})
   * @param countPadding divide by the full window at the borders ({@code count_include_pad})
   */
  static LambdaBlock avgPool(int kernel, int stride, int padding, boolean ceil, boolean countPadding) {
    return LambdaBlock.singleton(
        x -> Pool.avgPool2d(
            x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding), ceil, countPadding),
        AVG_POOL);
  }

  static LambdaBlock maxPool(int kernel, int stride, int padding) {
    return LambdaBlock.singleton(
        x -> Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding), false),
        MAX_POOL);
  }

  static LambdaBlock flatten() {
    return LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), -1), FLATTEN);
  }

  static Linear linear(int units) {
    return Linear.builder().setUnits(units).build();
  }

  /**
   * The shortcut of a residual unit: null (the identity) where shape is kept, else a 1x1 strided
   * projection, with batch norm after it in post-activation nets.
   */
  static Block projection(int in, int out, int stride, boolean batchNorm) {
    if (in == out && stride == 1) {
      return null;
    }
    SequentialBlock projection = new SequentialBlock().add(conv1x1(out, stride));
    return batchNorm ? projection.add(batchNorm()) : projection;
  }

  /** Global average pooling, flatten, linear: the head every convolutional net here ends with. */
  static Block classifierHead(int classes) {
    return new SequentialBlock().add(globalAveragePool()).add(flatten()).add(linear(classes));
  }
}
