package robustperf.records.compute;

/**
 * The forward cost of one architecture at one input size and class count, as our FLOP counter
 * counted it on our own definition (robustperf count-flops).
 *
 * @param architectureId our catalog id, e.g. "wrn-70-16"
 * @param inputSize input side in pixels
 * @param classes output classes
 * @param parameters trainable parameters
 * @param forwardMacs multiply-accumulates of one forward pass of one image (convolution, linear, attention)
 * @param definition what the id stands for and where its definition was read
 */
public record ArchitectureCost(String architectureId, int inputSize, int classes, long parameters, long forwardMacs, String definition) {
  /** @return forward FLOPs of one image: 2 x MACs (the reference table's convention) */
  public double forwardFlops() {
    return 2.0 * forwardMacs;
  }

  /** @return the key it is looked up by */
  public String key() {
    return key(architectureId, inputSize, classes);
  }

  /**
   * What to count: an architecture at an input size with a number of classes.
   *
   * @param architectureId our catalog id
   * @param inputSize input side in pixels
   * @param classes output classes
   */
  public record Key(String architectureId, int inputSize, int classes) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return java.util.Comparator.comparing(Key::architectureId).thenComparingInt(Key::inputSize).thenComparingInt(Key::classes)
          .compare(this, o);
    }
  }

  static String key(String architectureId, int inputSize, int classes) {
    return architectureId + "@" + inputSize + "/" + classes;
  }
}
