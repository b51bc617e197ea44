package robustperf.train.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;

/**
 * Images held as 8-bit pixels (channels first), converted to floats in [0, 1] one batch at a time
 * so that a 50,000-image set costs its byte size, not four times it.
 *
 * @param name dataset name, e.g. "fashion-mnist"
 * @param channels channels per image
 * @param height image height
 * @param width image width
 * @param classes number of classes
 * @param pixels n * channels * height * width bytes, image after image
 * @param labels n labels in [0, classes)
 */
public record ImageDataset(String name, int channels, int height, int width, int classes, byte[] pixels, int[] labels) {

  public ImageDataset {
    long imageBytes = (long) channels * height * width;
    if (imageBytes <= 0 || classes < 2) {
      throw new IllegalArgumentException(name + ": bad image shape or class count");
    }
    if (pixels.length != imageBytes * labels.length) {
      throw new IllegalArgumentException(
          name + ": " + pixels.length + " pixel bytes for " + labels.length + " images of " + imageBytes);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(name + ": image " + i + " has label " + labels[i] + " outside [0, " + classes + ")");
      }
    }
  }

  /** @return number of images */
  public int size() {
    return labels.length;
  }

  /** @return (channels, height, width) */
  public Shape imageShape() {
    return new Shape(channels, height, width);
  }

  /**
   * @param from first image, inclusive
   * @param to last image, exclusive
   * @return the images [from, to) as a dataset of their own
   */
  public ImageDataset slice(int from, int to) {
    int imageBytes = channels * height * width;
    return new ImageDataset(
        name,
        channels,
        height,
        width,
        classes,
        Arrays.copyOfRange(pixels, from * imageBytes, to * imageBytes),
        Arrays.copyOfRange(labels, from, to));
  }

  /**
   * Makes a batch.
   *
   * @param manager owner of the arrays
   * @param indices images to take
   * @param augmentation crop and flip, or null for none
   * @param random source for the augmentation
   * @return (images as float32 (b, c, h, w) in [0, 1], labels as int32 (b))
   */
  public NDList batch(NDManager manager, int[] indices, CropFlip augmentation, Random random) {
    int imageFloats = channels * height * width;
    float[] images = new float[indices.length * imageFloats];
    int[] batchLabels = new int[indices.length];
    float[] scratch = new float[imageFloats];
    for (int b = 0; b < indices.length; b++) {
      int offset = indices[b] * imageFloats;
      for (int i = 0; i < imageFloats; i++) {
        scratch[i] = (pixels[offset + i] & 0xff) / 255f;
      }
      if (augmentation != null) {
        augmentation.apply(scratch, channels, height, width, random);
      }
      System.arraycopy(scratch, 0, images, b * imageFloats, imageFloats);
      batchLabels[b] = labels[indices[b]];
    }
    return new NDList(
        manager.create(images, new Shape(indices.length, channels, height, width)), manager.create(batchLabels));
  }
}
