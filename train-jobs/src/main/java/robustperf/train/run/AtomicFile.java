package robustperf.train.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import robustperf.records.parquet.RecordFiles;

/**
 * Writes a non-record file (a checkpoint, a summary CSV) the way {@link RecordFiles} writes
 * records: into a temp file beside the target whose name starts with {@link RecordFiles#TEMP_PREFIX}
 * and is unique per write, forced to disk, then renamed over the target. Two processes writing
 * one target (shards of a grid on a shared file system) never share a temp file, and a reader sees
 * the old file or the new one, never a mix.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** What writes the file's bytes. */
  @FunctionalInterface
  public interface Content {
    /**
     * @param out the temp file's stream; closing it is left to {@link AtomicFile}
     * @throws IOException when writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * @param target the final file
   * @param content writes the bytes
   * @throws IOException when writing or the rename fails; the target is then untouched and no temp
   *     file is left
   */
  public static void write(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(RecordFiles.TEMP_PREFIX + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw new IOException("cannot rename atomically into " + target + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }
}
