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
    // DJL's momentum weighs the running value: 0.9 here is PyTorch's momentum=0.1.
    return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
  }

  static LambdaBlock relu() {
    return LambdaBlock.singleton(Activation::relu, RELU);
  }

  static LambdaBlock gelu() {
    return LambdaBlock.singleton(Activation::gelu, GELU);
  }

  static SequentialBlock batchNormRelu() {
    return new SequentialBlock().add(batchNorm()).add(relu());
  }

  static LambdaBlock globalAveragePool() {
    return LambdaBlock.singleton(x -> Pool.globalAvgPool2d(x), AVG_POOL);
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

  /** Global average pooling, flatten, linear: the head every convolutional net here ends with. */
  static Block classifierHead(int classes) {
    return new SequentialBlock().add(globalAveragePool()).add(flatten()).add(linear(classes));
  }
}
