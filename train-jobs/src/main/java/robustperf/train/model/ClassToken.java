package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/** Puts a learned class token in front of (B, N, C) tokens: (B, 1 + N, C). */
public final class ClassToken extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final Parameter token;

  /** @param width token width C */
  public ClassToken(int width) {
    super(VERSION);
    this.width = width;
    this.token =
        addParameter(
            Parameter.builder()
                .setName("class_token")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, 1, width))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow();
    long batch = tokens.getShape().get(0);
    NDArray cls = store.getValue(token, tokens.getDevice(), training).broadcast(batch, 1, width);
    return new NDList(cls.concat(tokens, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1) + 1, in.get(2))};
  }
}
