package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Multiplies the last axis by a learned per-channel scale (Touvron et al.'s LayerScale, the gamma of
 * ConvNeXt and XCiT blocks), started at a given value.
 */
public final class LayerScale extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Parameter gamma;

  /**
   * @param channels size of the last axis
   * @param initial starting value of every scale (1e-6 in ConvNeXt, 1 in RobustBench's XCiTs)
   */
  public LayerScale(int channels, float initial) {
    super(VERSION);
    this.gamma =
        addParameter(
            Parameter.builder()
                .setName("gamma")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(channels))
                .optInitializer(new ConstantInitializer(initial))
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(x.mul(store.getValue(gamma, x.getDevice(), training)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
