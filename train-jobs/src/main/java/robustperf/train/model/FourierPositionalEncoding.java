package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * XCiT's positional encoding: fixed sine-cosine features of each patch's row and column (32 each,
 * the Transformer's frequencies over coordinates scaled to (0, 2 pi]) projected to the token width
 * by a learned 1x1 convolution and added to the (B, N, C) tokens. The projection runs once per
 * batch and is broadcast; counted on a batch of one image, as timm's profiles are, it costs one
 * projection per image.
 */
public final class FourierPositionalEncoding extends AbstractBlock {
  private static final byte VERSION = 1;
  private static final int FEATURES_PER_AXIS = 32;
  private static final double TEMPERATURE = 10000;
  private static final double EPSILON = 1e-6;

  private final int width;
  private final int gridHeight;
  private final int gridWidth;
  private final Conv2d projection;
  /** The fixed features, (2 x 32, H, W) flattened. */
  private final float[] features;

  /**
   * @param width token width C
   * @param gridHeight patch rows H
   * @param gridWidth patch columns W
   */
  public FourierPositionalEncoding(int width, int gridHeight, int gridWidth) {
    super(VERSION);
    this.width = width;
    this.gridHeight = gridHeight;
    this.gridWidth = gridWidth;
    this.projection = addChildBlock("projection", Layers.conv(width, 1, 1, 0, true));
    this.features = features(gridHeight, gridWidth);
  }

  /**
   * Row features first, then column features; within each, feature 2m is sin(p / T^(2m/32)) and
   * 2m + 1 is cos(p / T^(2m/32)), p the coordinate (1-based, over its largest value, times 2 pi).
   */
  private static float[] features(int height, int width) {
    float[] out = new float[2 * FEATURES_PER_AXIS * height * width];
    for (int axis = 0; axis < 2; axis++) {
      for (int f = 0; f < FEATURES_PER_AXIS; f++) {
        double frequency = Math.pow(TEMPERATURE, 2.0 * (f / 2) / FEATURES_PER_AXIS);
        for (int row = 0; row < height; row++) {
          for (int column = 0; column < width; column++) {
            double position =
                axis == 0
                    ? (row + 1) / (height + EPSILON) * 2 * Math.PI
                    : (column + 1) / (width + EPSILON) * 2 * Math.PI;
            double phase = position / frequency;
            int channel = axis * FEATURES_PER_AXIS + f;
            out[(channel * height + row) * width + column] = (float) (f % 2 == 0 ? Math.sin(phase) : Math.cos(phase));
          }
        }
      }
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow();
    NDArray fixed =
        tokens.getManager()
            .create(features, featureShape())
            .toDevice(tokens.getDevice(), false)
            .toType(tokens.getDataType(), false);
    NDArray encoding = projection.forward(store, new NDList(fixed), training).singletonOrThrow();
    return new NDList(tokens.add(encoding.reshape(1, width, -1).transpose(0, 2, 1)));
  }

  private Shape featureShape() {
    return new Shape(1, 2L * FEATURES_PER_AXIS, gridHeight, gridWidth);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    projection.initialize(manager, dataType, featureShape());
  }
}
