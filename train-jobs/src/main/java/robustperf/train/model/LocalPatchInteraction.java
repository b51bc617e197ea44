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
 * XCiT's local patch interaction (LPI): the (B, N, C) tokens are laid back on their H x W grid
 * and pass a 3x3 depthwise convolution, GELU, batch norm and another 3x3 depthwise convolution,
 * which lets neighbouring patches exchange what cross-covariance attention does not.
 */
public final class LocalPatchInteraction extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int gridHeight;
  private final int gridWidth;
  private final Block convolutions;

  /**
   * @param width token width C
   * @param gridHeight patch rows H
   * @param gridWidth patch columns W
   */
  public LocalPatchInteraction(int width, int gridHeight, int gridWidth) {
    super(VERSION);
    this.width = width;
    this.gridHeight = gridHeight;
    this.gridWidth = gridWidth;
    this.convolutions =
        addChildBlock(
            "convolutions",
            new SequentialBlock()
                .add(Layers.depthwiseConv(width, 3))
                .add(Layers.gelu())
                .add(Layers.batchNorm())
                .add(Layers.depthwiseConv(width, 3)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow();
    long batch = tokens.getShape().get(0);
    NDArray grid = tokens.transpose(0, 2, 1).reshape(batch, width, gridHeight, gridWidth);
    NDArray mixed = convolutions.forward(store, new NDList(grid), training).singletonOrThrow();
    return new NDList(mixed.reshape(batch, width, -1).transpose(0, 2, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    convolutions.initialize(manager, dataType, new Shape(inputShapes[0].get(0), width, gridHeight, gridWidth));
  }
}
