package robustperf.train.grid;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a small learnable dataset in Fashion-MNIST's IDX format: class c is a bright c-th band of
 * rows over noise, so a few batches learn it.
 */
final class SyntheticIdx {
  private SyntheticIdx() {}

  /**
   * Writes a grid of the small CNN on such data: batch 64, one-cycle at 0.05, Linf 0.1.
   *
   * @param file the YAML file to write
   * @param name the grid's name
   * @param data a directory {@link #write} filled
   * @param axes the rest of the spec: methods, epochs, held-out and test examples, seeds
   * @return the file
   */
  static Path gridSpec(Path file, String name, Path data, String axes) throws IOException {
    String common =
        """
        name: %s
        dataset: fashion-mnist
        dataset_root: %s
        eps: "0.1"
        architectures: [small-cnn]
        batch_size: 64
        learning_rate: 0.05
        schedule: cyclic
        """.formatted(name, data);
    return Files.writeString(file, common + axes.stripIndent());
  }

  static Path write(Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(11);
    for (String split : new String[] {"train", "t10k"}) {
      int n = split.equals("train") ? train : test;
      byte[] pixels = new byte[n * 784];
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        int label = random.nextInt(10);
        labels[i] = (byte) label;
        for (int p = 0; p < 784; p++) {
          int row = p / 28;
          int value = random.nextInt(80) + (row / 3 == label ? 170 : 0);
          pixels[i * 784 + p] = (byte) Math.min(255, value);
        }
      }
      write(dir.resolve(split + "-images-idx3-ubyte"), 3, new int[] {n, 28, 28}, pixels);
      write(dir.resolve(split + "-labels-idx1-ubyte"), 1, new int[] {n}, labels);
    }
    return dir;
  }

  private static void write(Path file, int rank, int[] dims, byte[] data) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(0x0800 | rank);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
  }
}
