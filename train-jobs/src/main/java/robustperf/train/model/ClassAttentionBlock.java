package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * XCiT's class-attention layer (timm's ClassAttentionBlock with tokens_norm, as RobustBench's
 * XCiTs set it): the class token is updated by {@link ClassAttention} over the normed tokens, the
 * patch tokens by their normed selves, both through a layer scale; then all tokens are normed, and
 * only the class token passes the 4x MLP, whose scaled output is added back.
 */
public final class ClassAttentionBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final LayerNorm attentionNorm;
  private final ClassAttention attention;
  private final LayerScale attentionScale;
  private final LayerNorm tokenNorm;
  private final Block mlp;
  private final LayerScale mlpScale;

  /**
   * @param width token width C
   * @param heads attention heads
   */
  public ClassAttentionBlock(int width, int heads) {
    super(VERSION);
    this.attentionNorm = addChildBlock("attention_norm", Layers.layerNorm(2, 1e-6f));
    this.attention = addChildBlock("attention", new ClassAttention(width, heads));
    this.attentionScale = addChildBlock("attention_scale", new LayerScale(width, 1f));
    this.tokenNorm = addChildBlock("token_norm", Layers.layerNorm(2, 1e-6f));
    this.mlp =
        addChildBlock(
            "mlp", new SequentialBlock().add(Layers.linear(4 * width)).add(Layers.gelu()).add(Layers.linear(width)));
    this.mlpScale = addChildBlock("mlp_scale", new LayerScale(width, 1f));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDList normed = attentionNorm.forward(store, inputs, training);
    NDArray classUpdate = attention.forward(store, normed, training).singletonOrThrow();
    NDArray update = classUpdate.concat(normed.singletonOrThrow().get(":, 1:, :"), 1);
    NDArray attended = x.add(attentionScale.forward(store, new NDList(update), training).singletonOrThrow());
    NDArray tokens = tokenNorm.forward(store, new NDList(attended), training).singletonOrThrow();
    NDList classToken = new NDList(tokens.get(":, 0:1, :"));
    NDArray refined = mlpScale.forward(store, mlp.forward(store, classToken, training), training).singletonOrThrow();
    // As the reference: the patch tokens are added to themselves, the class token gets the MLP.
    return new NDList(tokens.add(refined.concat(tokens.get(":, 1:, :"), 1)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape classToken = new Shape(in.get(0), 1, in.get(2));
    attentionNorm.initialize(manager, dataType, in);
    attention.initialize(manager, dataType, in);
    attentionScale.initialize(manager, dataType, in);
    tokenNorm.initialize(manager, dataType, in);
    mlp.initialize(manager, dataType, classToken);
    mlpScale.initialize(manager, dataType, classToken);
  }
}
