package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Swin's (shifted) window attention over a (B, H, W, C) map, as timm's and the original code do
 * it: the map is optionally rolled back by half a window, cut into w x w windows, and each window
 * runs multi-head self-attention with a learned relative position bias (one table of (2w - 1)^2
 * entries per head); in shifted blocks tokens that were not neighbours before the roll are masked
 * apart. The output is put back in place and rolled forward.
 */
public final class WindowAttention extends AbstractBlock implements AttentionProducts {
  private static final byte VERSION = 1;
  /** The mask value of the reference code: large enough to null the softmax weight. */
  private static final float MASKED = -100f;

  private final int width;
  private final int heads;
  private final int window;
  private final int shift;
  private final Linear qkv;
  private final Linear out;
  private final Parameter biasTable;
  /** For each head and token pair, the index of its bias in the flattened table. */
  private final long[] biasIndex;
  /** Per window and token pair, 0 or {@link #MASKED}; null without a shift. */
  private final float[] shiftMask;

  /**
   * @param width channels C, divisible by heads
   * @param heads attention heads
   * @param grid side of the (square) map, divisible by the window
   * @param window window side w (already reduced to the map where the map is smaller)
   * @param shift roll in tokens, 0 or w / 2
   */
  public WindowAttention(int width, int heads, int grid, int window, int shift) {
    super(VERSION);
    if (width % heads != 0 || grid % window != 0 || shift < 0 || shift >= window) {
      throw new IllegalArgumentException(
          "window attention needs width divisible by heads and map by window, got C" + width + " h" + heads
              + " map " + grid + " window " + window + " shift " + shift);
    }
    this.width = width;
    this.heads = heads;
    this.window = window;
    this.shift = shift;
    this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
    this.out = addChildBlock("out", Linear.builder().setUnits(width).build());
    int span = 2 * window - 1;
    this.biasTable =
        addParameter(
            Parameter.builder()
                .setName("relative_position_bias")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape((long) span * span, heads))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
    this.biasIndex = biasIndex(window, heads);
    this.shiftMask = shift > 0 ? shiftMask(grid, window, shift) : null;
  }

  /** Table row of token pair (i, j): their offset in rows and columns, each shifted to start at 0. */
  private static long[] biasIndex(int window, int heads) {
    int tokens = window * window;
    int span = 2 * window - 1;
    long[] index = new long[heads * tokens * tokens];
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < tokens; i++) {
        for (int j = 0; j < tokens; j++) {
          int row = i / window - j / window + window - 1;
          int column = i % window - j % window + window - 1;
          index[(h * tokens + i) * tokens + j] = (long) (row * span + column) * heads + h;
        }
      }
    }
    return index;
  }

  /**
   * After the roll, the last window row and column hold pixels from three regions per axis (the
   * bulk, the last window less the shift, the wrapped shift); pairs from different regions are masked.
   */
  private static float[] shiftMask(int grid, int window, int shift) {
    int perSide = grid / window;
    int tokens = window * window;
    float[] mask = new float[perSide * perSide * tokens * tokens];
    for (int w = 0; w < perSide * perSide; w++) {
      for (int i = 0; i < tokens; i++) {
        for (int j = 0; j < tokens; j++) {
          boolean same = region(w, i, grid, window, shift) == region(w, j, grid, window, shift);
          mask[(w * tokens + i) * tokens + j] = same ? 0f : MASKED;
        }
      }
    }
    return mask;
  }

  private static int region(int windowIndex, int token, int grid, int window, int shift) {
    int perSide = grid / window;
    int row = (windowIndex / perSide) * window + token / window;
    int column = (windowIndex % perSide) * window + token % window;
    return 3 * axisRegion(row, grid, window, shift) + axisRegion(column, grid, window, shift);
  }

  private static int axisRegion(int position, int grid, int window, int shift) {
    if (position < grid - window) {
      return 0;
    }
    return position < grid - shift ? 1 : 2;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long grid = x.getShape().get(1);
    long perSide = grid / window;
    long windows = perSide * perSide;
    int tokens = window * window;
    int headWidth = width / heads;
    NDArray rolled = shift > 0 ? roll(roll(x, -shift, 1), -shift, 2) : x;
    NDArray cut =
        rolled.reshape(batch, perSide, window, perSide, window, width)
            .transpose(0, 1, 3, 2, 4, 5)
            .reshape(batch * windows, tokens, width);
    NDArray projected =
        qkv.forward(store, new NDList(cut), training)
            .singletonOrThrow()
            .reshape(batch * windows, tokens, 3, heads, headWidth)
            .transpose(2, 0, 3, 1, 4);
    NDArray q = projected.get(0).mul(1.0 / Math.sqrt(headWidth));
    NDArray k = projected.get(1);
    NDArray v = projected.get(2);
    NDManager manager = x.getManager();
    NDArray table = store.getValue(biasTable, x.getDevice(), training);
    NDArray index = manager.create(biasIndex, new Shape(heads, tokens, tokens)).toDevice(x.getDevice(), false);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).add(table.reshape(-1).take(index));
    if (shiftMask != null) {
      NDArray mask =
          manager.create(shiftMask, new Shape(1, windows, 1, tokens, tokens))
              .toDevice(x.getDevice(), false)
              .toType(scores.getDataType(), false);
      scores = scores.reshape(batch, windows, heads, tokens, tokens).add(mask).reshape(batch * windows, heads, tokens, tokens);
    }
    NDArray mixed = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch * windows, tokens, width);
    NDArray placed =
        out.forward(store, new NDList(mixed), training)
            .singletonOrThrow()
            .reshape(batch, perSide, perSide, window, window, width)
            .transpose(0, 1, 3, 2, 4, 5)
            .reshape(batch, grid, grid, width);
    return new NDList(shift > 0 ? roll(roll(placed, shift, 1), shift, 2) : placed);
  }

  /** torch.roll along one axis: element i moves to i + by (mod the axis length). */
  private static NDArray roll(NDArray x, int by, int axis) {
    long length = x.getShape().get(axis);
    long split = Math.floorMod(length - by, length);
    String prefix = ":, ".repeat(axis);
    return x.get(prefix + split + ":").concat(x.get(prefix + ":" + split), axis);
  }

  /**
   * @param inputShape (B, H, W, C)
   * @return 2 x B x HW x w^2 x C: every token meets the w^2 tokens of its window, once for the
   *     scores and once to mix their values
   */
  @Override
  public long attentionMacs(Shape inputShape) {
    long pixels = inputShape.get(0) * inputShape.get(1) * inputShape.get(2);
    return 2 * pixels * window * window * width;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    long windows = (in.get(1) / window) * (in.get(2) / window);
    Shape cut = new Shape(in.get(0) * windows, (long) window * window, width);
    qkv.initialize(manager, dataType, cut);
    out.initialize(manager, dataType, cut);
  }
}
