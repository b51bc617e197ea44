package robustperf.train.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (LeCun's: magic 0x0000 08 DIMS, big-endian
 * dimension sizes, unsigned bytes), gzipped or not, and pairs an image file with its label file.
 */
public final class IdxFiles {
  private static final int UNSIGNED_BYTE = 0x08;

  private IdxFiles() {}

  /**
   * @param name dataset name
   * @param images an idx3 image file (.gz or raw)
   * @param labels the matching idx1 label file
   * @param classes number of classes
   * @return the dataset
   * @throws DatasetException naming the file that is missing or malformed
   */
  public static ImageDataset read(String name, Path images, Path labels, int classes) {
    Idx pixels = readIdx(images, 3);
    Idx tags = readIdx(labels, 1);
    if (pixels.dims[0] != tags.dims[0]) {
      throw new DatasetException(
          labels, tags.dims[0] + " labels for " + pixels.dims[0] + " images in " + images.getFileName());
    }
    int[] labelInts = new int[tags.data.length];
    for (int i = 0; i < labelInts.length; i++) {
      labelInts[i] = tags.data[i] & 0xff;
      if (labelInts[i] >= classes) {
        throw new DatasetException(labels, "label " + labelInts[i] + " of item " + i + " is not below " + classes);
      }
    }
    return new ImageDataset(name, 1, pixels.dims[1], pixels.dims[2], classes, pixels.data, labelInts);
  }

  private record Idx(int[] dims, byte[] data) {}

  private static Idx readIdx(Path file, int rank) {
    try (InputStream raw = open(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE || (magic & 0xff) != rank) {
        throw new DatasetException(
            file, String.format("not an idx%d unsigned-byte file (magic 0x%08x)", rank, magic));
      }
      int[] dims = new int[rank];
      long total = 1;
      for (int d = 0; d < rank; d++) {
        dims[d] = in.readInt();
        if (dims[d] <= 0) {
          throw new DatasetException(file, "dimension " + d + " is " + dims[d]);
        }
        total *= dims[d];
      }
      if (total > Integer.MAX_VALUE - 16) {
        throw new DatasetException(file, "declares " + total + " bytes, too many to hold");
      }
      byte[] data = new byte[(int) total];
      in.readFully(data);
      return new Idx(dims, data);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file, "missing (Fashion-MNIST: apt-get install dataset-fashion-mnist)", e);
    } catch (EOFException e) {
      throw new DatasetException(file, "truncated: fewer bytes than its header declares", e);
    } catch (IOException e) {
      throw new DatasetException(file, "unreadable: " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }
}
