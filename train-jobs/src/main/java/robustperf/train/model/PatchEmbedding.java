package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Cuts an image into patches with a stride-p convolution (or another projection to the token grid,
 * such as a {@link ConvStem}), prepends a learned class token and adds learned positions:
 * (B, C, H, W) to (B, 1 + HW/p^2, width).
 */
public final class PatchEmbedding extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final Block patches;
  private final Parameter classToken;
  private final Parameter positions;

  /**
   * @param patch patch side in pixels
   * @param width token width
   * @param tokens number of patches (image area / patch area)
   */
  public PatchEmbedding(int patch, int width, int tokens) {
    this(Layers.conv(width, patch, patch, 0, true), width, tokens);
  }

  /**
   * @param projection from (B, C, H, W) images to a (B, width, h, w) grid of hw = tokens patches
   * @param width token width
   * @param tokens number of patches
   */
  public PatchEmbedding(Block projection, int width, int tokens) {
    super(VERSION);
    this.width = width;
    this.patches = addChildBlock("patches", projection);
    this.classToken =
        addParameter(
            Parameter.builder()
                .setName("class_token")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, 1, width))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
    this.positions =
        addParameter(
            Parameter.builder()
                .setName("positions")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, tokens + 1L, width))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray grid = patches.forward(store, inputs, training).singletonOrThrow();
    long batch = grid.getShape().get(0);
    NDArray tokens = grid.reshape(batch, width, -1).transpose(0, 2, 1);
    NDArray device = inputs.head();
    NDArray cls = store.getValue(classToken, device.getDevice(), training).broadcast(batch, 1, width);
    NDArray pos = store.getValue(positions, device.getDevice(), training);
    return new NDList(cls.concat(tokens, 1).add(pos));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape grid = patches.getOutputShapes(inputShapes)[0];
    return new Shape[] {new Shape(grid.get(0), 1 + grid.get(2) * grid.get(3), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    patches.initialize(manager, dataType, inputShapes);
  }
}
