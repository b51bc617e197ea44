package robustperf.train.model;

import ai.djl.ndarray.types.Shape;

/**
 * A block that scales features by weights it computes from them (squeeze-excitation, split
 * attention). The layers that compute the weights are child blocks, which the FLOP counter visits;
 * the element-wise products and sums that apply them are not layers, so the block states their cost.
 */
public interface FeatureGate {
  /**
   * @param inputShape the shape the block was given
   * @return FLOPs of applying the gate: one per multiplication or addition outside the child layers
   */
  long gatingFlops(Shape inputShape);
}
