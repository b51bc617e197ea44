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
 * Squeeze-and-excitation (Hu et al. 2018) as torchvision's {@code ops.SqueezeExcitation}: global
 * average pooling, a 1x1 convolution to {@code squeeze} channels, a nonlinearity, a 1x1
 * convolution back (both with bias), a sigmoid, and the input scaled channel-wise by the result.
 */
public final class SqueezeExcitation extends AbstractBlock implements FeatureGate {
  private static final byte VERSION = 1;

  private final Block gate;

  /**
   * @param channels channels of the input
   * @param squeeze channels of the bottleneck
   * @param nonlinearity the nonlinearity between the two convolutions
   */
  public SqueezeExcitation(int channels, int squeeze, Nonlinearity nonlinearity) {
    super(VERSION);
    this.gate =
        addChildBlock(
            "gate",
            new SequentialBlock()
                .add(Layers.globalAveragePoolKeepingMaps())
                .add(Layers.conv(squeeze, 1, 1, 0, true))
                .add(nonlinearity.block())
                .add(Layers.conv(channels, 1, 1, 0, true))
                .add(Layers.sigmoid()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray scale = gate.forward(store, inputs, training).singletonOrThrow();
    return new NDList(x.mul(scale));
  }

  /** One multiplication per input element. */
  @Override
  public long gatingFlops(Shape inputShape) {
    return inputShape.size();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    gate.initialize(manager, dataType, inputShapes);
  }
}
