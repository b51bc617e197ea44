package robustperf.train.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual unit: {@code main(pre(x)) + shortcut}, where the shortcut is {@code x} itself or a
 * projection of {@code pre(x)}. With an identity {@code pre} this is the post-activation ResNet
 * unit (He 2016a); with {@code pre} = BN-ReLU it is the pre-activation unit of PreActResNet and
 * WideResNet, whose projection shortcut reads the activated input (as their reference code does).
 */
public final class Residual extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block pre;
  private final Block main;
  private final Block projection;

  /**
   * @param pre applied before both branches (null for none)
   * @param main the residual branch
   * @param projection the shortcut projection, null for the identity
   */
  public Residual(Block pre, Block main, Block projection) {
    super(VERSION);
    this.pre = pre == null ? null : addChildBlock("pre", pre);
    this.main = addChildBlock("main", main);
    this.projection = projection == null ? null : addChildBlock("projection", projection);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList activated = pre == null ? inputs : pre.forward(store, inputs, training);
    NDList residual = main.forward(store, activated, training);
    NDList shortcut = projection == null ? inputs : projection.forward(store, activated, training);
    return new NDList(residual.singletonOrThrow().add(shortcut.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] activated = pre == null ? inputShapes : pre.getOutputShapes(inputShapes);
    return main.getOutputShapes(activated);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] activated = inputShapes;
    if (pre != null) {
      pre.initialize(manager, dataType, inputShapes);
      activated = pre.getOutputShapes(inputShapes);
    }
    main.initialize(manager, dataType, activated);
    if (projection != null) {
      projection.initialize(manager, dataType, activated);
    }
  }
}
