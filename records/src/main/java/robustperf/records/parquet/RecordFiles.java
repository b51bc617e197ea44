package robustperf.records.parquet;

import com.jerolba.carpet.CarpetReader;
import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.ColumnNamingStrategy;
import com.jerolba.carpet.FieldMatchingStrategy;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/** Writes and reads metric-record Parquet files. Stateless; safe from any thread. */
public final class RecordFiles {
  /** Prefix of in-progress files; Spark and our scanners skip names starting with it. */
  public static final String TEMP_PREFIX = "_";

  private RecordFiles() {}

  /**
   * Whether a file or directory name is one readers skip: in progress ({@link #TEMP_PREFIX}) or
   * hidden ("."), the same rule Spark applies to its inputs.
   *
   * @param name one path segment
   * @return true when it is to be skipped
   */
  public static boolean isSkipped(String name) {
    return name.startsWith(TEMP_PREFIX) || name.startsWith(".");
  }

  /**
   * Writes records to a Parquet file atomically: a temp file beside the target, flushed to disk,
   * then renamed over the target.
   *
   * @param target the final file
   * @param type the record class, which fixes the kind
   * @param rows the records
   * @param <T> the record type
   * @throws IOException when writing fails; the target is then untouched and no temp file is left
   */
  public static <T extends Record> void write(Path target, Class<T> type, Collection<T> rows)
      throws IOException {
    RecordKind kind = RecordKind.of(type);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(TEMP_PREFIX + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(channel);
      try (CarpetWriter<T> writer =
          new CarpetWriter.Builder<>(nonClosing(out), type)
              .withColumnNamingStrategy(ColumnNamingStrategy.SNAKE_CASE)
              .withExtraMetaData(
                  Map.of(
                      SchemaVersion.METADATA_KEY, SchemaVersion.CURRENT.toString(),
                      RecordKind.METADATA_KEY, kind.id()))
              .build()) {
        for (T row : rows) {
          writer.write(row);
        }
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw new IOException("cannot rename atomically into " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a local metric-record file.
   *
   * @param file the file
   * @return its rows and metadata
   * @throws RecordFileException naming the file when it is unreadable, of an unknown kind, or of
   *     a schema major version this code does not know
   */
  public static RecordFile read(Path file) throws RecordFileException {
    return read(new LocalInputFile(file), file.toString());
  }

  /**
   * Reads a metric-record file from any Parquet input (local, HDFS, S3 through Hadoop).
   *
   * @param input the file
   * @param name its path or URI, for messages
   * @return its rows and metadata
   * @throws RecordFileException naming the file when it cannot be read as a metric-record file
   */
  public static RecordFile read(InputFile input, String name) throws RecordFileException {
    Map<String, String> meta;
    Set<String> columns = new HashSet<>();
    try (ParquetFileReader footer = ParquetFileReader.open(input)) {
      meta = footer.getFileMetaData().getKeyValueMetaData();
      footer.getFileMetaData().getSchema().getFields().forEach(f -> columns.add(f.getName()));
    } catch (IOException | RuntimeException e) {
      throw new RecordFileException(name, "not a readable Parquet file (" + e.getMessage() + ")", e);
    }
    SchemaVersion version = versionOf(meta, name);
    RecordKind kind = kindOf(meta, name);
    for (RecordComponent component : kind.type().getRecordComponents()) {
      String column = snakeCase(component.getName());
      if (!columns.contains(column) && !SchemaVersion.addedAfter(kind.id(), column, version)) {
        throw new RecordFileException(name, kind.id() + " file of schema " + version + " has no column " + column, null);
      }
    }
    List<Record> rows = new ArrayList<>();
    try {
      CarpetReader<? extends Record> reader =
          new CarpetReader<>(input, kind.type())
              .withFieldMatchingStrategy(FieldMatchingStrategy.SNAKE_CASE)
              // a file of an older minor lacks the columns added since (checked above): they read as null
              .withFailOnMissingColumn(false);
      for (Record row : reader) {
        rows.add(row);
      }
    } catch (RuntimeException e) {
      throw new RecordFileException(
          name, "row " + (rows.size() + 1) + " of " + kind.id() + " is invalid: " + rootMessage(e), e);
    }
    return new RecordFile(name, kind, version, rows);
  }

  private static SchemaVersion versionOf(Map<String, String> meta, String name)
      throws RecordFileException {
    String text = meta.get(SchemaVersion.METADATA_KEY);
    if (text == null) {
      throw new RecordFileException(
          name, "no " + SchemaVersion.METADATA_KEY + " in its metadata: not a RobustPerf file", null);
    }
    SchemaVersion version;
    try {
      version = SchemaVersion.parse(text);
    } catch (IllegalArgumentException e) {
      throw new RecordFileException(name, e.getMessage(), e);
    }
    if (!version.readableByCurrent()) {
      throw new RecordFileException(
          name,
          "schema version "
              + version
              + " is not readable by this RobustPerf (schema "
              + SchemaVersion.CURRENT
              + "): upgrade RobustPerf to read major version "
              + version.major(),
          null);
    }
    return version;
  }

  private static RecordKind kindOf(Map<String, String> meta, String name)
      throws RecordFileException {
    try {
      return RecordKind.parse(meta.get(RecordKind.METADATA_KEY));
    } catch (IllegalArgumentException e) {
      throw new RecordFileException(name, e.getMessage(), e);
    }
  }

  /**
   * The Parquet column carpet-record writes for a record component: camelCase to snake_case, an
   * underscore before every upper-case letter but the first.
   *
   * @param name a Java component name
   * @return its column name
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Keeps the writer's close from closing the channel before it is forced to disk. */
  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
