package robustperf.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Compares two pipeline outputs: every table's CSV byte for byte, every table's Parquet contents
 * (schema, Spark's schema and rows, in order), every figure byte for byte, and the two pages with
 * their "Generated ..." time stamp masked. The check behind "behaviour must not change": a change
 * that should not alter results is run against an output of the commit before it.
 *
 * <p>Reads Parquet with parquet-hadoop alone (no Spark session), so it runs in seconds.
 */
public final class OutputComparison {
  /** The pages' one line that changes from run to run. */
  private static final Pattern GENERATED = Pattern.compile("Generated \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

  /** Spark's own schema (nullability, types) as it stores it in every Parquet footer. */
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private final Path a;
  private final Path b;

  private OutputComparison(Path a, Path b) {
    this.a = a;
    this.b = b;
  }

  /**
   * {@code OutputComparison OUT_A OUT_B}: prints each difference, one line each; exits 0 when the
   * outputs agree, 1 when they differ (the first difference is on the first line), 2 on bad
   * arguments.
   *
   * @param args the two pipeline output directories
   */
  public static void main(String[] args) {
    if (args.length != 2 || !Files.isDirectory(Path.of(args[0], "tables")) || !Files.isDirectory(Path.of(args[1], "tables"))) {
      System.err.println("usage: compare-outputs OUT_A OUT_B (two pipeline outputs, each holding tables/)");
      System.exit(2);
    }
    OutputComparison comparison = of(Path.of(args[0]), Path.of(args[1]));
    List<String> differences = comparison.differences();
    differences.forEach(System.out::println);
    System.out.println(differences.isEmpty()
        ? "same: " + comparison.tableNames().size() + " tables (CSV bytes and Parquet rows), figures and pages"
        : differences.size() + " difference(s)");
    System.exit(differences.isEmpty() ? 0 : 1);
  }

  /**
   * @param a one pipeline output directory
   * @param b the other
   * @return their comparison
   */
  public static OutputComparison of(Path a, Path b) {
    return new OutputComparison(a, b);
  }

  /** @return every difference, tables first (by name), then figures and pages; empty when equal */
  public List<String> differences() {
    List<String> out = new ArrayList<>();
    for (String table : tableNames()) {
      compareBytes("tables/" + table + ".csv").ifPresent(out::add);
      compareParquet(table).ifPresent(out::add);
    }
    for (String figure : union(list(a.resolve("figures")), list(b.resolve("figures")))) {
      compareBytes("figures/" + figure).ifPresent(out::add);
    }
    for (String page : List.of("report.html", "index.html")) {
      comparePage(page).ifPresent(out::add);
    }
    return out;
  }

  /** @return the names of the tables on either side */
  public SortedSet<String> tableNames() {
    SortedSet<String> names = new TreeSet<>();
    for (Path root : List.of(a.resolve("tables"), b.resolve("tables"))) {
      for (String name : list(root)) {
        if (!name.startsWith("_") && !name.startsWith(".")) {
          names.add(name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name);
        }
      }
    }
    return names;
  }

  /** A comparison of one path present on both sides; the caller says where it is missing. */
  @FunctionalInterface
  private interface PathComparison {
    Optional<String> compare(String relative, Path x, Path y);
  }

  private Optional<String> compare(String relative, PathComparison comparison) {
    Path x = a.resolve(relative);
    Path y = b.resolve(relative);
    if (!Files.exists(x) || !Files.exists(y)) {
      return Optional.of(relative + ": only in " + (Files.exists(x) ? x : y));
    }
    return comparison.compare(relative, x, y);
  }

  private Optional<String> compareBytes(String relative) {
    return compare(relative, (name, x, y) -> {
      try {
        long at = Files.mismatch(x, y);
        return at < 0 ? Optional.empty() : Optional.of(name + ": bytes differ from byte " + at + firstLineDifference(x, y));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot compare " + x + " with " + y, e);
      }
    });
  }

  private Optional<String> comparePage(String relative) {
    return compare(relative, (name, x, y) -> {
      List<String> left = lines(x).stream().map(l -> GENERATED.matcher(l).replaceAll("Generated <time>")).toList();
      List<String> right = lines(y).stream().map(l -> GENERATED.matcher(l).replaceAll("Generated <time>")).toList();
      return firstDifference(left, right).map(d -> name + ": differs (time stamp masked) " + d);
    });
  }

  private Optional<String> compareParquet(String table) {
    return compare("tables/" + table, (name, x, y) -> {
      ParquetContents left = ParquetContents.read(x);
      ParquetContents right = ParquetContents.read(y);
      if (!left.schema().equals(right.schema())) {
        return Optional.of(name + ": Parquet schema differs:\n  " + left.schema() + "\n  " + right.schema());
      }
      if (!java.util.Objects.equals(left.sparkSchema(), right.sparkSchema())) {
        return Optional.of(name + ": Spark schema differs:\n  " + left.sparkSchema() + "\n  " + right.sparkSchema());
      }
      return firstDifference(left.rows(), right.rows()).map(d -> name + ": Parquet rows differ " + d);
    });
  }

  private static String firstLineDifference(Path x, Path y) {
    return firstDifference(lines(x), lines(y)).map(d -> " " + d).orElse("");
  }

  private static Optional<String> firstDifference(List<String> left, List<String> right) {
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      if (!left.get(i).equals(right.get(i))) {
        int same = commonPrefix(left.get(i), right.get(i));
        int from = Math.max(0, same - 60);
        return Optional.of("at row/line " + (i + 1) + ", character " + (same + 1) + ":\n  < " + excerpt(left.get(i), from)
            + "\n  > " + excerpt(right.get(i), from));
      }
    }
    return left.size() == right.size()
        ? Optional.empty()
        : Optional.of("in length: " + left.size() + " vs " + right.size() + " rows/lines");
  }

  private static int commonPrefix(String x, String y) {
    int i = 0;
    while (i < Math.min(x.length(), y.length()) && x.charAt(i) == y.charAt(i)) {
      i++;
    }
    return i;
  }

  /** 160 characters from where two long lines (a CSV row of a wide table) start to differ. */
  private static String excerpt(String line, int from) {
    String tail = line.substring(Math.min(from, line.length()));
    return (from > 0 ? "..." : "") + (tail.length() > 160 ? tail.substring(0, 160) + "..." : tail);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Figures are binary: their bytes are compared, their "lines" only locate a difference.
      return List.of();
    }
  }

  private static SortedSet<String> union(List<String> x, List<String> y) {
    SortedSet<String> all = new TreeSet<>(x);
    all.addAll(y);
    return all;
  }

  private static List<String> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** A Parquet table directory's schema and rows (every part file, in name order), as text. */
  private record ParquetContents(String schema, String sparkSchema, List<String> rows) {
    static ParquetContents read(Path dir) {
      String schema = null;
      String sparkSchema = null;
      List<String> rows = new ArrayList<>();
      for (String part : list(dir)) {
        if (!part.endsWith(".parquet")) {
          continue;
        }
        Path file = dir.resolve(part);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
          MessageType type = reader.getFooter().getFileMetaData().getSchema();
          schema = type.toString();
          sparkSchema = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
          PageReadStore group;
          while ((group = reader.readNextRowGroup()) != null) {
            RecordReader<Group> records =
                new ColumnIOFactory().getColumnIO(type).getRecordReader(group, new GroupRecordConverter(type));
            for (long i = 0; i < group.getRowCount(); i++) {
              // Group's text names every field present with its value: nulls are absent fields.
              rows.add(records.read().toString().replace('\n', ' '));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read Parquet file " + file, e);
        }
      }
      if (schema == null) {
        throw new IllegalArgumentException("no Parquet part file in " + dir + ": not a table written by the pipeline");
      }
      return new ParquetContents(schema, sparkSchema, rows);
    }
  }
}
