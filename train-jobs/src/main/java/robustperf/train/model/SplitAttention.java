package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ResNeSt's split-attention convolution (Zhang et al. 2022, {@code SplAtConv2d}) with cardinality
 * one, as RobustBench's {@code resnest.py} has it: a 3x3 convolution in {@code radix} groups to
 * {@code radix} splits of {@code channels} maps, batch norm and a nonlinearity; the splits are
 * summed, pooled and passed through two 1x1 convolutions (with bias, batch norm and the
 * nonlinearity between) to one weight per split and channel, normalized by a softmax across the
 * splits; the output is the weighted sum of the splits.
 */
public final class SplitAttention extends AbstractBlock implements FeatureGate {
  private static final byte VERSION = 1;

  private final int channels;
  private final int radix;
  private final Block splits;
  private final Block attention;

  /**
   * @param channels output channels
   * @param radix number of splits, at least 2
   * @param stride stride of the 3x3 convolution
   * @param nonlinearity ReLU, or SiLU for ResNeSt's swish variant
   */
  public SplitAttention(int channels, int radix, int stride, Nonlinearity nonlinearity) {
    super(VERSION);
    if (radix < 2) {
      throw new IllegalArgumentException("split attention needs at least 2 splits, got " + radix);
    }
    this.channels = channels;
    this.radix = radix;
    this.splits =
        addChildBlock(
            "splits",
            new SequentialBlock()
                .add(Layers.groupedConv(channels * radix, 3, stride, 1, radix))
                .add(Layers.batchNorm())
                .add(nonlinearity.block()));
    // The reference's reduction factor 4 with a floor of 32 bottleneck channels.
    int bottleneck = Math.max(channels * radix / 4, 32);
    this.attention =
        addChildBlock(
            "attention",
            new SequentialBlock()
                .add(Layers.globalAveragePoolKeepingMaps())
                .add(Layers.conv(bottleneck, 1, 1, 0, true))
                .add(Layers.batchNorm())
                .add(nonlinearity.block())
                .add(Layers.conv(channels * radix, 1, 1, 0, true)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = splits.forward(store, inputs, training).singletonOrThrow();
    Shape shape = x.getShape();
    long batch = shape.get(0);
    // Split r holds maps r * channels .. (r + 1) * channels - 1, as torch.split along channels.
    NDArray split = x.reshape(batch, radix, channels, shape.get(2), shape.get(3));
    NDArray summed = split.sum(new int[] {1});
    NDArray logits = attention.forward(store, new NDList(summed), training).singletonOrThrow();
    NDArray weights = logits.reshape(batch, radix, channels).softmax(1).reshape(batch, radix, channels, 1, 1);
    return new NDList(split.mul(weights).sum(new int[] {1}));
  }

  /**
   * Per output element: radix - 1 additions to pool the splits, radix multiplications and radix - 1
   * additions for the weighted sum; per channel, radix exponentials and divisions of the softmax.
   */
  @Override
  public long gatingFlops(Shape inputShape) {
    Shape out = getOutputShapes(new Shape[] {inputShape})[0];
    long maps = out.size();
    long weights = out.get(0) * out.get(1) * radix;
    return (3L * radix - 2) * maps + 2 * weights;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = splits.getOutputShapes(inputShapes)[0];
    return new Shape[] {new Shape(x.get(0), channels, x.get(2), x.get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    splits.initialize(manager, dataType, inputShapes);
    Shape x = splits.getOutputShapes(inputShapes)[0];
    attention.initialize(manager, dataType, new Shape(x.get(0), channels, x.get(2), x.get(3)));
  }
}
