package robustperf.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky 2009): per image, the label
 * byte(s) then 3,072 bytes of red, green and blue 32x32 planes. CIFAR-10 has one label byte;
 * CIFAR-100 a coarse and a fine one, of which the fine (100 classes) is used.
 */
public final class CifarBinary {
  private static final int IMAGE_BYTES = 3 * 32 * 32;

  private CifarBinary() {}

  /**
   * @param root the extracted cifar-10-batches-bin directory
   * @param train training batches (data_batch_1..5.bin) or the test batch (test_batch.bin)
   * @return the dataset
   */
  public static ImageDataset cifar10(Path root, boolean train) {
    List<Path> files =
        train
            ? List.of(1, 2, 3, 4, 5).stream().map(i -> root.resolve("data_batch_" + i + ".bin")).toList()
            : List.of(root.resolve("test_batch.bin"));
    return read("cifar10", files, 1, 10);
  }

  /**
   * @param root the extracted cifar-100-binary directory
   * @param train train.bin or test.bin
   * @return the dataset, with fine labels
   */
  public static ImageDataset cifar100(Path root, boolean train) {
    return read("cifar100", List.of(root.resolve(train ? "train.bin" : "test.bin")), 2, 100);
  }

  static ImageDataset read(String name, List<Path> files, int labelBytes, int classes) {
    int record = labelBytes + IMAGE_BYTES;
    byte[][] contents = new byte[files.size()][];
    int images = 0;
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      try {
        contents[f] = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw new DatasetException(file, "missing (download the binary version from https://www.cs.toronto.edu/~kriz/cifar.html)", e);
      } catch (IOException e) {
        throw new DatasetException(file, "unreadable: " + e.getMessage(), e);
      }
      if (contents[f].length == 0 || contents[f].length % record != 0) {
        throw new DatasetException(
            file, contents[f].length + " bytes is not a whole number of " + record + "-byte records");
      }
      images += contents[f].length / record;
    }
    byte[] pixels = new byte[images * IMAGE_BYTES];
    int[] labels = new int[images];
    int i = 0;
    for (int f = 0; f < files.size(); f++) {
      byte[] bytes = contents[f];
      for (int at = 0; at < bytes.length; at += record, i++) {
        int label = bytes[at + labelBytes - 1] & 0xff;
        if (label >= classes) {
          throw new DatasetException(files.get(f), "record " + (at / record) + " has label " + label + ", not below " + classes);
        }
        labels[i] = label;
        System.arraycopy(bytes, at + labelBytes, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
      }
    }
    return new ImageDataset(name, 3, 32, 32, classes, pixels, labels);
  }
}
