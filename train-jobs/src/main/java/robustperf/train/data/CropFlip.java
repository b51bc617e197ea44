package robustperf.train.data;

import java.util.Random;

/**
 * The CIFAR augmentation of the robustness papers: zero-pad by {@code padding} pixels, take a random
 * crop of the original size, flip horizontally with probability 1/2.
 *
 * @param padding pixels of zero padding on each side (4 for CIFAR)
 * @param flip whether to flip horizontally at random
 */
public record CropFlip(int padding, boolean flip) {

  /** The CIFAR recipe: 4-pixel padding and horizontal flips. */
  public static CropFlip cifar() {
    return new CropFlip(4, true);
  }

  /**
   * Augments one image in place.
   *
   * @param image channels x height x width floats
   * @param channels channels
   * @param height height
   * @param width width
   * @param random source of the crop offset and the flip
   */
  public void apply(float[] image, int channels, int height, int width, Random random) {
    int dy = random.nextInt(2 * padding + 1) - padding;
    int dx = random.nextInt(2 * padding + 1) - padding;
    boolean mirror = flip && random.nextBoolean();
    float[] source = image.clone();
    for (int c = 0; c < channels; c++) {
      int plane = c * height * width;
      for (int y = 0; y < height; y++) {
        int sy = y + dy;
        for (int x = 0; x < width; x++) {
          int sx = (mirror ? width - 1 - x : x) + dx;
          boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
          image[plane + y * width + x] = inside ? source[plane + sy * width + sx] : 0f;
        }
      }
    }
  }
}
