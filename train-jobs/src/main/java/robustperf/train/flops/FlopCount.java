package robustperf.train.flops;

/**
 * Forward cost of one image through a network, by layer type. Convention (the reference table's):
 * a multiply-accumulate (MAC) is 2 FLOPs and {@link #forwardFlops()} counts the MACs of
 * convolutions, linear layers and the attention products; normalization, activation and pooling
 * are counted apart, one FLOP per element (two for normalization's scale and shift), and are not
 * in {@code forwardFlops} because published tables leave them out.
 *
 * @param convolutionMacs MACs of convolutions
 * @param linearMacs MACs of linear layers
 * @param attentionMacs MACs of attention's activation products (Q K^T and A V, or XCiT's
 *     cross-covariance and its product with the values)
 * @param normalizationFlops FLOPs of batch and layer norm
 * @param activationFlops FLOPs of ReLU, GELU, SiLU and sigmoid, and of applying feature gates
 *     (squeeze-excitation, split attention)
 * @param poolingFlops FLOPs of pooling
 * @param parameters trainable parameters
 */
public record FlopCount(
    long convolutionMacs,
    long linearMacs,
    long attentionMacs,
    long normalizationFlops,
    long activationFlops,
    long poolingFlops,
    long parameters) {

  /** @return MACs of convolution, linear and attention */
  public long macs() {
    return convolutionMacs + linearMacs + attentionMacs;
  }

  /** @return forward FLOPs per image, 2 x {@link #macs()} */
  public double forwardFlops() {
    return 2.0 * macs();
  }

  /** @return FLOPs of the element-wise layers left out of {@link #forwardFlops()} */
  public long elementwiseFlops() {
    return normalizationFlops + activationFlops + poolingFlops;
  }
}
