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
 * Multi-head self-attention over (batch, tokens, width) as in timm's ViT: one fused QKV
 * projection with bias, scaled dot-product attention per head, an output projection.
 */
public final class SelfAttention extends AbstractBlock implements AttentionProducts {
  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final Linear qkv;
  private final Linear out;

  /**
   * @param width token width, divisible by heads
   * @param heads number of heads
   */
  public SelfAttention(int width, int heads) {
    super(VERSION);
    AttentionProducts.checkHeads(width, heads);
    this.width = width;
    this.heads = heads;
    this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
    this.out = addChildBlock("out", Linear.builder().setUnits(width).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long tokens = x.getShape().get(1);
    int headWidth = width / heads;
    // (B, T, 3W) -> (3, B, H, T, W/H)
    NDArray projected =
        qkv.forward(store, inputs, training)
            .singletonOrThrow()
            .reshape(batch, tokens, 3, heads, headWidth)
            .transpose(2, 0, 3, 1, 4);
    NDArray q = projected.get(0);
    NDArray k = projected.get(1);
    NDArray v = projected.get(2);
    NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(headWidth)).softmax(-1);
    NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, width);
    return out.forward(store, new NDList(mixed), training);
  }

  /**
   * @param inputShape (batch, tokens, width)
   * @return multiply-accumulates of the two attention products (Q K^T and A V), which are not
   *     layers and so are invisible to a per-layer count
   */
  @Override
  public long attentionMacs(Shape inputShape) {
    long batch = inputShape.get(0);
    long tokens = inputShape.get(1);
    return 2 * batch * tokens * tokens * width;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    qkv.initialize(manager, dataType, inputShapes);
    Shape mixed = inputShapes[0];
    out.initialize(manager, dataType, mixed);
  }
}
