package robustperf.train.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a dataset by name from its root directory. Names: {@code fashion-mnist} (IDX files, by
 * default Debian's /usr/share/datasets/fashion-mnist), {@code cifar10}, {@code cifar100} (binary
 * versions), {@code imagenet} (a folder of class folders with train/ and val/).
 */
public final class Datasets {
  /** Where Debian's dataset-fashion-mnist package puts the files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  /** The names {@link #open} accepts. */
  public static final List<String> NAMES = List.of("fashion-mnist", "cifar10", "cifar100", "imagenet");

  private Datasets() {}

  /**
   * @param name one of {@link #NAMES}
   * @param root the dataset's directory
   * @param train the training split, else the test (validation) split
   * @return the split
   */
  public static ImageDataset open(String name, Path root, boolean train) {
    return switch (name) {
      case "fashion-mnist" -> {
        String prefix = train ? "train" : "t10k";
        yield IdxFiles.read(name, idx(root, prefix + "-images-idx3-ubyte"), idx(root, prefix + "-labels-idx1-ubyte"), 10);
      }
      case "cifar10" -> CifarBinary.cifar10(root, train);
      case "cifar100" -> CifarBinary.cifar100(root, train);
      case "imagenet" -> ImageFolder.read(name, root.resolve(train ? "train" : "val"), 224);
      default -> throw new IllegalArgumentException("unknown dataset '" + name + "': expected one of " + NAMES);
    };
  }

  /** @return the classes of a named dataset, known before reading it */
  public static int classes(String name) {
    return switch (name) {
      case "fashion-mnist", "cifar10" -> 10;
      case "cifar100" -> 100;
      case "imagenet" -> 1000;
      default -> throw new IllegalArgumentException("unknown dataset '" + name + "': expected one of " + NAMES);
    };
  }

  /**
   * @return the training images of a named dataset as published (Fashion-MNIST 60,000; CIFAR
   *     50,000; ILSVRC-2012 1,281,167), known before reading it
   */
  public static int trainSize(String name) {
    return switch (name) {
      case "fashion-mnist" -> 60_000;
      case "cifar10", "cifar100" -> 50_000;
      case "imagenet" -> 1_281_167;
      default -> throw new IllegalArgumentException("unknown dataset '" + name + "': expected one of " + NAMES);
    };
  }

  /** @return (channels, height, width) of a named dataset's images as the models see them */
  public static ai.djl.ndarray.types.Shape imageShape(String name) {
    return switch (name) {
      case "fashion-mnist" -> new ai.djl.ndarray.types.Shape(1, 28, 28);
      case "cifar10", "cifar100" -> new ai.djl.ndarray.types.Shape(3, 32, 32);
      case "imagenet" -> new ai.djl.ndarray.types.Shape(3, 224, 224);
      default -> throw new IllegalArgumentException("unknown dataset '" + name + "': expected one of " + NAMES);
    };
  }

  private static Path idx(Path root, String stem) {
    Path gz = root.resolve(stem + ".gz");
    return Files.exists(gz) ? gz : root.resolve(stem);
  }
}
