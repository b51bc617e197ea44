package robustperf.train.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Layer norm over the channels of each pixel of a (B, C, H, W) map (ConvNeXt's LayerNorm2d, the
 * "channels_first" LayerNorm of Singh et al.'s ConvStem). DJL's layer norm normalizes trailing
 * axes only, so the channels are moved last and back.
 */
public final class ChannelLayerNorm extends AbstractBlock {
  private static final byte VERSION = 1;

  private final LayerNorm norm;

  /** With epsilon 1e-6, as ConvNeXt and the ConvStem use. */
  public ChannelLayerNorm() {
    super(VERSION);
    this.norm = addChildBlock("norm", Layers.layerNorm(3, 1e-6f));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList channelsLast = new NDList(inputs.singletonOrThrow().transpose(0, 2, 3, 1));
    return new NDList(norm.forward(store, channelsLast, training).singletonOrThrow().transpose(0, 3, 1, 2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    norm.initialize(manager, dataType, new Shape(in.get(0), in.get(2), in.get(3), in.get(1)));
  }
}
