package robustperf.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on small files written here in the real formats, good and broken. */
class DatasetsTest {
  @TempDir Path dir;

  @Test
  void fashionMnistIdxFilesGzippedOrRaw() throws IOException {
    byte[] pixels = new byte[3 * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i % 256);
    }
    writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), 3, new int[] {3, 28, 28}, pixels, true);
    writeIdx(dir.resolve("train-labels-idx1-ubyte"), 1, new int[] {3}, new byte[] {9, 0, 4}, false);
    ImageDataset data = Datasets.open("fashion-mnist", dir, true);
    assertEquals(3, data.size());
    assertArrayEquals(new int[] {9, 0, 4}, data.labels());
    try (NDManager m = NDManager.newBaseManager()) {
      NDList batch = data.batch(m, new int[] {2, 0}, null, null);
      assertArrayEquals(new long[] {2, 1, 28, 28}, batch.get(0).getShape().getShape());
      assertEquals((2 * 784 % 256) / 255f, batch.get(0).toFloatArray()[0], 1e-7);
      assertArrayEquals(new int[] {4, 9}, batch.get(1).toIntArray());
    }
  }

  @Test
  void brokenIdxFilesAreNamed() throws IOException {
    writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 3, new int[] {5, 28, 28}, new byte[100], false);
    writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), 1, new int[] {5}, new byte[5], false);
    DatasetException truncated = assertThrows(DatasetException.class, () -> Datasets.open("fashion-mnist", dir, false));
    assertTrue(truncated.getMessage().contains("t10k-images-idx3-ubyte") && truncated.getMessage().contains("truncated"));

    Files.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 9, 3, 0, 0, 0, 1});
    DatasetException magic = assertThrows(DatasetException.class, () -> Datasets.open("fashion-mnist", dir, false));
    assertTrue(magic.getMessage().contains("magic"), magic.getMessage());

    DatasetException missing = assertThrows(DatasetException.class, () -> Datasets.open("fashion-mnist", dir, true));
    assertTrue(missing.getMessage().contains("train-images-idx3-ubyte") && missing.getMessage().contains("missing"));
  }

  @Test
  void cifar10BinaryBatches() throws IOException {
    for (int b = 1; b <= 5; b++) {
      writeCifar(dir.resolve("data_batch_" + b + ".bin"), new int[] {b, b + 1}, 1);
    }
    writeCifar(dir.resolve("test_batch.bin"), new int[] {7}, 1);
    ImageDataset train = Datasets.open("cifar10", dir, true);
    assertEquals(10, train.size());
    assertArrayEquals(new int[] {1, 2, 2, 3, 3, 4, 4, 5, 5, 6}, train.labels());
    // Pixel byte j of a file's image i is (i + j) mod 256, planes R, G, B in order: image 3 is
    // the second of data_batch_2.
    assertEquals((byte) ((1 + 1024) % 256), train.pixels()[3 * 3072 + 1024]);
    assertEquals(1, Datasets.open("cifar10", dir, false).size());
  }

  @Test
  void cifar100UsesTheFineLabel() throws IOException {
    writeCifar(dir.resolve("train.bin"), new int[] {57, 99}, 2);
    ImageDataset train = Datasets.open("cifar100", dir, true);
    assertArrayEquals(new int[] {57, 99}, train.labels());
    assertEquals(100, train.classes());
  }

  @Test
  void brokenCifarFilesAreNamed() throws IOException {
    Files.write(dir.resolve("test_batch.bin"), new byte[3073 + 10]);
    DatasetException partial = assertThrows(DatasetException.class, () -> Datasets.open("cifar10", dir, false));
    assertTrue(partial.getMessage().contains("test_batch.bin") && partial.getMessage().contains("3073-byte records"));
    writeCifar(dir.resolve("test_batch.bin"), new int[] {12}, 1);
    DatasetException label = assertThrows(DatasetException.class, () -> Datasets.open("cifar10", dir, false));
    assertTrue(label.getMessage().contains("label 12"), label.getMessage());
    DatasetException missing = assertThrows(DatasetException.class, () -> Datasets.open("cifar10", dir, true));
    assertTrue(missing.getMessage().contains("data_batch_1.bin"), missing.getMessage());
  }

  @Test
  void imageFolderOfJpegs() throws IOException {
    for (String cls : new String[] {"n01440764", "n01443537"}) {
      Files.createDirectories(dir.resolve("val").resolve(cls));
      for (int i = 0; i < 2; i++) {
        BufferedImage image = new BufferedImage(300, 260, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 260; y++) {
          for (int x = 0; x < 300; x++) {
            image.setRGB(x, y, cls.endsWith("4") ? 0xff0000 : 0x0000ff);
          }
        }
        ImageIO.write(image, "jpg", dir.resolve("val").resolve(cls).resolve("img" + i + ".JPEG").toFile());
      }
    }
    ImageDataset val = Datasets.open("imagenet", dir, false);
    assertEquals(4, val.size());
    assertEquals(224, val.height());
    assertArrayEquals(new int[] {0, 0, 1, 1}, val.labels());
    int plane = 224 * 224;
    assertTrue((val.pixels()[0] & 0xff) > 240 && (val.pixels()[2 * plane] & 0xff) < 15, "class 0 is red");
    assertTrue((val.pixels()[3 * 3 * plane + 2 * plane] & 0xff) > 240, "class 1 is blue");

    Files.writeString(dir.resolve("val").resolve("n01443537").resolve("broken.jpg"), "not a jpeg");
    DatasetException broken = assertThrows(DatasetException.class, () -> Datasets.open("imagenet", dir, false));
    assertTrue(broken.getMessage().contains("broken.jpg"), broken.getMessage());
  }

  @Test
  void cropFlipIsAShiftedMirror() {
    float[] image = new float[2 * 8 * 8];
    for (int i = 0; i < image.length; i++) {
      image[i] = i + 1;
    }
    float[] flipped = image.clone();
    new CropFlip(0, true).apply(flipped, 2, 8, 8, new Random(0) {
      @Override
      public boolean nextBoolean() {
        return true;
      }
    });
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          assertEquals(image[c * 64 + y * 8 + 7 - x], flipped[c * 64 + y * 8 + x]);
        }
      }
    }
    Random random = new Random(5);
    for (int trial = 0; trial < 20; trial++) {
      float[] cropped = image.clone();
      new CropFlip(4, false).apply(cropped, 2, 8, 8, random);
      boolean matched = false;
      for (int dy = -4; dy <= 4 && !matched; dy++) {
        for (int dx = -4; dx <= 4 && !matched; dx++) {
          matched = Arrays.equals(cropped, shifted(image, dy, dx));
        }
      }
      assertTrue(matched, "a crop is the image shifted by at most 4 pixels, zero-filled");
    }
  }

  private static float[] shifted(float[] image, int dy, int dx) {
    float[] out = new float[image.length];
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int sy = y + dy;
          int sx = x + dx;
          out[c * 64 + y * 8 + x] = sy >= 0 && sy < 8 && sx >= 0 && sx < 8 ? image[c * 64 + sy * 8 + sx] : 0;
        }
      }
    }
    return out;
  }

  private static void writeIdx(Path file, int rank, int[] dims, byte[] data, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x0800 | rank);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    out.flush();
    try (OutputStream file1 = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      file1.write(bytes.toByteArray());
    }
  }

  private static void writeCifar(Path file, int[] labels, int labelBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < labels.length; i++) {
      if (labelBytes == 2) {
        out.write(labels[i] / 5);
      }
      out.write(labels[i]);
      for (int j = 0; j < 3072; j++) {
        out.write((i + j) % 256);
      }
    }
    Files.write(file, out.toByteArray());
  }
}
