package robustperf.train.flops;

/**
 * Training cost from counted passes. Convention, stated once: with F the forward FLOPs of one
 * image, a forward pass costs F, a backward pass for the input gradient only (weights frozen, as
 * our attacks run) costs F, and a backward pass for the weight and input gradients costs 2F. So
 * standard training costs 3F per example, and PGD-K training (2K + 3)F: the reference README's
 * lower bound, which holds because our attack steps do not compute weight gradients.
 *
 * @param forwardPasses images passed forward (every pass, whatever follows it)
 * @param inputBackwardPasses images passed backward for input gradients only
 * @param fullBackwardPasses images passed backward for weight (and input) gradients
 * @param attackForwardPasses of {@code forwardPasses}, those made to craft adversarial examples
 * @param attackBackwardPasses of the backward passes, those made to craft adversarial examples
 */
public record TrainingFlops(
    long forwardPasses,
    long inputBackwardPasses,
    long fullBackwardPasses,
    long attackForwardPasses,
    long attackBackwardPasses) {

  /** No passes yet. */
  public static final TrainingFlops NONE = new TrainingFlops(0, 0, 0, 0, 0);

  /**
   * @param forwardFlops F, forward FLOPs of one image
   * @return total training FLOPs
   */
  public double total(double forwardFlops) {
    return forwardFlops * (forwardPasses + inputBackwardPasses + 2.0 * fullBackwardPasses);
  }

  /**
   * @param forwardFlops F, forward FLOPs of one image
   * @return the part of {@link #total} spent crafting adversarial examples
   */
  public double attack(double forwardFlops) {
    return forwardFlops * (attackForwardPasses + attackBackwardPasses);
  }

  /**
   * @param other passes to add
   * @return the sum
   */
  public TrainingFlops plus(TrainingFlops other) {
    return new TrainingFlops(
        forwardPasses + other.forwardPasses,
        inputBackwardPasses + other.inputBackwardPasses,
        fullBackwardPasses + other.fullBackwardPasses,
        attackForwardPasses + other.attackForwardPasses,
        attackBackwardPasses + other.attackBackwardPasses);
  }

  /**
   * @param earlier the count at an earlier time
   * @return the passes made since
   */
  public TrainingFlops minus(TrainingFlops earlier) {
    return new TrainingFlops(
        forwardPasses - earlier.forwardPasses,
        inputBackwardPasses - earlier.inputBackwardPasses,
        fullBackwardPasses - earlier.fullBackwardPasses,
        attackForwardPasses - earlier.attackForwardPasses,
        attackBackwardPasses - earlier.attackBackwardPasses);
  }
}
