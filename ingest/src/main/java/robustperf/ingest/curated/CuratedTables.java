package robustperf.ingest.curated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes and reads the curated tables under {@code <out>/tables/}: each as a Parquet directory
 * {@code <name>/} and a single CSV file {@code <name>.csv} with nested columns as JSON text. Rows
 * are written in one canonical order, by every column in schema order (numbers by value, text and
 * nested values by their text), so that a table's files never depend on the order or partitioning
 * its rows were computed in.
 */
public final class CuratedTables {
  public static final String ROBUSTBENCH_ENTRIES = "robustbench_entries";
  public static final String ROBUSTBENCH_PARSE_ISSUES = "robustbench_parse_issues";
  public static final String REJECTED_FILES = "rejected_files";
  /** Each leaderboard entry's training recipe row (data/compute/recipes.csv). */
  public static final String COMPUTE_RECIPES = "compute_recipes";
  /** Every sourced recipe figure, one row each. */
  public static final String COMPUTE_RECIPE_FIGURES = "compute_recipe_figures";
  /** Our architectures' parameters and forward MACs (data/compute/architectures.csv). */
  public static final String COMPUTE_ARCHITECTURES = "compute_architectures";

  /**
   * A table as it was written.
   *
   * @param table its name
   * @param rows rows written
   * @param seconds wall seconds from the previous write (or from the start) to the end of this
   *     one, so that the table's computation is counted with it
   */
  public record Written(String table, long rows, double seconds) {}

  private final Path root;
  private java.util.function.Consumer<Written> listener = written -> {};
  private long lastWrite = System.nanoTime();

  private CuratedTables(Path root) {
    this.root = root;
  }

  /**
   * @param listener told of every table as it is written (a command shows where it is with it)
   * @return these tables
   */
  public CuratedTables whenWritten(java.util.function.Consumer<Written> listener) {
    this.listener = listener;
    return this;
  }

  /**
   * @param outDir the pipeline's output directory
   * @return the tables under {@code outDir/tables}
   */
  public static CuratedTables under(Path outDir) {
    return new CuratedTables(outDir.resolve("tables"));
  }

  /** @return the directory holding the tables */
  public Path root() {
    return root;
  }

  /**
   * Writes a table, replacing any earlier version.
   *
   * @param name table name, a lower_snake_case identifier
   * @param table the rows
   * @return the number of rows written
   */
  public long write(String name, Dataset<Row> table) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("table name '" + name + "' must be lower_snake_case");
    }
    // Curated tables are small (thousands of rows): computed once onto the driver, put in the
    // canonical order there, and written from that copy: two short jobs instead of a cached plan,
    // a distributed sort and a count.
    List<Row> rows = new java.util.ArrayList<>(table.collectAsList());
    rows.sort(CANONICAL);
    Dataset<Row> local = table.sparkSession().createDataFrame(rows, table.schema()).coalesce(1);
    local.write().mode(SaveMode.Overwrite).parquet(root.resolve(name).toString());
    writeCsv(name, local);
    long now = System.nanoTime();
    listener.accept(new Written(name, rows.size(), (now - lastWrite) / 1e9));
    lastWrite = now;
    return rows.size();
  }

  /**
   * Reads a table written by {@link #write}.
   *
   * @param spark the session
   * @param name table name
   * @return its rows
   * @throws IllegalArgumentException when the table does not exist, naming the path and the fix
   */
  public Dataset<Row> read(SparkSession spark, String name) {
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "table " + name + " not found at " + dir + ": run 'robustperf ingest' first");
    }
    return spark.read().parquet(dir.toString());
  }

  /**
   * Compares two outputs table by table, by their CSV files' bytes (the canonical row order makes
   * equal tables byte-identical).
   *
   * @param other the tables to compare with
   * @return one line per table that differs or exists on one side only, empty when all agree
   */
  public List<String> differencesFrom(CuratedTables other) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>(csvNames());
    names.addAll(other.csvNames());
    List<String> differences = new java.util.ArrayList<>();
    for (String name : names) {
      Path mine = root.resolve(name);
      Path theirs = other.root.resolve(name);
      try {
        if (!Files.exists(mine) || !Files.exists(theirs)) {
          differences.add(name + ": only in " + (Files.exists(mine) ? root : other.root));
        } else if (Files.mismatch(mine, theirs) >= 0) {
          differences.add(name + ": differs (" + mine + " vs " + theirs + ")");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot compare " + mine + " with " + theirs, e);
      }
    }
    return differences;
  }

  private List<String> csvNames() {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("no tables at " + root + ": not a pipeline output");
    }
    try (Stream<Path> files = Files.list(root)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") && !n.startsWith("_")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  /** Every column in order, nulls first; numbers by value, everything else by its text. */
  private static final java.util.Comparator<Row> CANONICAL = (a, b) -> {
    for (int i = 0; i < a.length(); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return a.toString().compareTo(b.toString());
  }

  /** One CSV file per table, so it opens in a spreadsheet; nested values become JSON. */
  private void writeCsv(String name, Dataset<Row> table) {
    Path tmp = root.resolve("_" + name + ".csv.parts");
    table
        .select(Arrays.stream(table.schema().fields()).map(CuratedTables::flat).toArray(Column[]::new))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .option("header", "true")
        .option("escape", "\"")
        .csv(tmp.toString());
    try (Stream<Path> parts = Files.list(tmp)) {
      Path part =
          parts
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("Spark wrote no CSV part in " + tmp));
      Files.move(part, root.resolve(name + ".csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> rest = Files.walk(tmp)) {
        rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot place " + name + ".csv in " + root, e);
    }
  }

  private static Column flat(StructField field) {
    Column column = functions.col(field.name());
    boolean nested =
        field.dataType() instanceof StructType
            || field.dataType() instanceof ArrayType
            || field.dataType() instanceof MapType;
    return nested ? functions.to_json(column).as(field.name()) : column;
  }
}
