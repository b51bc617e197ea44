package robustperf.train.model;

import ai.djl.nn.LambdaBlock;

/** The element-wise nonlinearities the convolutional nets choose between. */
public enum Nonlinearity {
  RELU,
  SILU;

  /** @return a fresh block applying this nonlinearity */
  LambdaBlock block() {
    return this == RELU ? Layers.relu() : Layers.silu();
  }
}
