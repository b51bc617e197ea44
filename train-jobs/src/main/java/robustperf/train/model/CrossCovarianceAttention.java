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
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * XCiT's cross-covariance attention (El-Nouby et al. 2021) over (B, N, C) tokens: per head, the
 * queries and keys are L2-normalized along the tokens, their d x d cross-covariance (d = C / heads)
 * times a learned per-head temperature is softmaxed, and it mixes the value channels. The cost
 * is linear in the tokens: 2 N C d multiply-accumulates per image instead of attention's 2 N^2 C.
 */
public final class CrossCovarianceAttention extends AbstractBlock implements AttentionProducts {
  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final Linear qkv;
  private final Linear out;
  private final Parameter temperature;

  /**
   * @param width token width C, divisible by heads
   * @param heads number of heads
   */
  public CrossCovarianceAttention(int width, int heads) {
    super(VERSION);
    AttentionProducts.checkHeads(width, heads);
    this.width = width;
    this.heads = heads;
    this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
    this.out = addChildBlock("out", Linear.builder().setUnits(width).build());
    this.temperature =
        addParameter(
            Parameter.builder()
                .setName("temperature")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(heads, 1, 1))
                .optInitializer(new ConstantInitializer(1f))
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long tokens = x.getShape().get(1);
    // (B, N, 3C) -> (3, B, heads, d, N): channels per head as rows, tokens as columns
    NDArray projected =
        qkv.forward(store, inputs, training)
            .singletonOrThrow()
            .reshape(batch, tokens, 3, heads, width / heads)
            .transpose(2, 0, 3, 4, 1);
    NDArray q = projected.get(0).normalize(2, -1, 1e-12);
    NDArray k = projected.get(1).normalize(2, -1, 1e-12);
    NDArray v = projected.get(2);
    NDArray weights =
        q.matMul(k.transpose(0, 1, 3, 2)).mul(store.getValue(temperature, x.getDevice(), training)).softmax(-1);
    NDArray mixed = weights.matMul(v).transpose(0, 3, 1, 2).reshape(batch, tokens, width);
    return out.forward(store, new NDList(mixed), training);
  }

  /**
   * @param inputShape (B, N, C)
   * @return 2 x B x N x C x d: the d x d covariance per head over N tokens, and its product with
   *     the values
   */
  @Override
  public long attentionMacs(Shape inputShape) {
    return 2 * inputShape.get(0) * inputShape.get(1) * width * (width / heads);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    qkv.initialize(manager, dataType, inputShapes);
    out.initialize(manager, dataType, inputShapes);
  }
}
