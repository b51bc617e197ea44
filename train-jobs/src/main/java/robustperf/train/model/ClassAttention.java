package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CaiT's class attention (Touvron et al. 2021), as timm's ClassAttn: only the class token (token 0
 * of (B, T, C)) queries; keys and values come from all T tokens. Gives the class token's update,
 * (B, 1, C).
 */
public final class ClassAttention extends AbstractBlock implements AttentionProducts {
  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear out;

  /**
   * @param width token width C, divisible by heads
   * @param heads number of heads
   */
  public ClassAttention(int width, int heads) {
    super(VERSION);
    AttentionProducts.checkHeads(width, heads);
    this.width = width;
    this.heads = heads;
    this.query = addChildBlock("query", Layers.linear(width));
    this.key = addChildBlock("key", Layers.linear(width));
    this.value = addChildBlock("value", Layers.linear(width));
    this.out = addChildBlock("out", Layers.linear(width));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long tokens = x.getShape().get(1);
    int headWidth = width / heads;
    NDArray q =
        query.forward(store, new NDList(x.get(":, 0:1, :")), training)
            .singletonOrThrow()
            .reshape(batch, 1, heads, headWidth)
            .transpose(0, 2, 1, 3)
            .mul(1.0 / Math.sqrt(headWidth));
    NDArray k = heads(key.forward(store, inputs, training).singletonOrThrow(), batch, tokens);
    NDArray v = heads(value.forward(store, inputs, training).singletonOrThrow(), batch, tokens);
    NDArray mixed = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, 1, width);
    return out.forward(store, new NDList(mixed), training);
  }

  /** (B, T, C) to (B, heads, T, d). */
  private NDArray heads(NDArray x, long batch, long tokens) {
    return x.reshape(batch, tokens, heads, width / heads).transpose(0, 2, 1, 3);
  }

  /**
   * @param inputShape (B, T, C)
   * @return 2 x B x T x C: one query against T keys, and the T values it weighs
   */
  @Override
  public long attentionMacs(Shape inputShape) {
    return 2 * inputShape.get(0) * inputShape.get(1) * width;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), 1, width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape classToken = new Shape(in.get(0), 1, in.get(2));
    query.initialize(manager, dataType, classToken);
    key.initialize(manager, dataType, in);
    value.initialize(manager, dataType, in);
    out.initialize(manager, dataType, classToken);
  }
}
