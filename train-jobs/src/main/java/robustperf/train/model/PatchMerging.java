package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Swin's downsampling between stages: each 2x2 patch of a (B, H, W, C) map is concatenated to 4C
 * channels, layer-normed and projected to 2C without bias, giving (B, H/2, W/2, 2C).
 */
public final class PatchMerging extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final LayerNorm norm;
  private final Linear reduction;

  /**
   * @param width input channels C
   * @param epsilon the layer norm's epsilon
   */
  public PatchMerging(int width, float epsilon) {
    super(VERSION);
    this.width = width;
    this.norm = addChildBlock("norm", Layers.layerNorm(3, epsilon));
    this.reduction = addChildBlock("reduction", Linear.builder().setUnits(2L * width).optBias(false).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape merged = merged(x.getShape());
    NDArray patches =
        x.reshape(merged.get(0), merged.get(1), 2, merged.get(2), 2, width).transpose(0, 1, 3, 4, 2, 5).reshape(merged);
    return reduction.forward(store, norm.forward(store, new NDList(patches), training), training);
  }

  private Shape merged(Shape in) {
    if (in.get(1) % 2 != 0 || in.get(2) % 2 != 0) {
      throw new IllegalArgumentException("patch merging needs an even map, got " + in);
    }
    return new Shape(in.get(0), in.get(1) / 2, in.get(2) / 2, 4L * width);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape merged = merged(inputShapes[0]);
    return new Shape[] {new Shape(merged.get(0), merged.get(1), merged.get(2), 2L * width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape merged = merged(inputShapes[0]);
    norm.initialize(manager, dataType, merged);
    reduction.initialize(manager, dataType, merged);
  }
}
