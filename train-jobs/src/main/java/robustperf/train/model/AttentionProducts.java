package robustperf.train.model;

import ai.djl.ndarray.types.Shape;

/**
 * A block that multiplies activations by activations (attention's query-key and weight-value
 * products). No {@code Convolution} or {@code Linear} child holds that arithmetic, so the FLOP
 * counter asks the block for it.
 */
public interface AttentionProducts {

  /**
   * @param inputShape the block's input shape, as recorded at initialization
   * @return multiply-accumulates of the block's activation-by-activation products
   */
  long attentionMacs(Shape inputShape);

  /**
   * The one check every multi-head block makes of its shape.
   *
   * @param width token width
   * @param heads number of heads
   * @throws IllegalArgumentException when the width does not split into the heads
   */
  static void checkHeads(int width, int heads) {
    if (heads < 1 || width % heads != 0) {
      throw new IllegalArgumentException("width " + width + " is not divisible by " + heads + " heads");
    }
  }
}
