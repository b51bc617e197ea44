package robustperf.tables;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.schema.Component;
import robustperf.ingest.schema.RecordRows;

/**
 * One table the pipeline writes: its name, the record one row is, and the Spark schema derived
 * from that record ({@link RecordRows}, the one mapping). Reads and writes go through
 * {@link CuratedTables} (canonical order, Parquet and CSV); a write whose columns differ from the
 * record's is refused, naming both.
 *
 * @param <R> the row record
 */
public final class Table<R extends Record> {
  private final String name;
  private final Class<R> type;
  private final StructType schema;

  private Table(String name, Class<R> type) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("table name '" + name + "' must be lower_snake_case");
    }
    this.name = name;
    this.type = type;
    this.schema = RecordRows.schema(type);
  }

  /**
   * @param name the table's name, a lower_snake_case identifier
   * @param type the record one row is
   * @param <R> the record type
   * @return the table
   */
  public static <R extends Record> Table<R> of(String name, Class<R> type) {
    return new Table<>(name, type);
  }

  /** @return the table's name, also its directory and CSV file under tables/ */
  public String name() {
    return name;
  }

  /** @return the record one row is */
  public Class<R> type() {
    return type;
  }

  /** @return the Spark schema: the record's components in order, snake_case, nullable */
  public StructType schema() {
    return schema;
  }

  /**
   * @param component a component of this table's record, {@code Record::component}
   * @return its column name
   */
  public String column(Component<R, ?> component) {
    return component.column();
  }

  /**
   * @param component a component of this table's record, {@code Record::component}
   * @return its column
   */
  public Column col(Component<R, ?> component) {
    return functions.col(component.column());
  }

  /**
   * @param struct a struct column, e.g. {@code table.col(EvaluationResult::threatModel)}
   * @param component a component of the nested record, {@code ThreatModel::norm}
   * @param <N> the nested record type
   * @return the nested field
   */
  public static <N> Column field(Column struct, Component<N, ?> component) {
    return struct.getField(component.column());
  }

  /**
   * @param record a row as a record
   * @return the Spark row of {@link #schema()}
   */
  public Row toRow(R record) {
    return RecordRows.toRow(record);
  }

  /**
   * @param row a row of this table
   * @return it as a record
   * @throws IllegalArgumentException naming the table and the field that cannot be read
   */
  public R fromRow(Row row) {
    try {
      return RecordRows.fromRow(type, row);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("table " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param rows rows of this table, e.g. a job's input
   * @return every row as a record, in the Dataset's order
   */
  public List<R> fromRows(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(this::fromRow).toList();
  }

  /**
   * @param spark the session
   * @param rows the rows as records
   * @return them as a Dataset of {@link #schema()}
   */
  public Dataset<Row> dataset(SparkSession spark, List<R> rows) {
    return spark.createDataFrame(rows.stream().map(this::toRow).toList(), schema);
  }

  /**
   * @param spark the session
   * @param tables where the tables are
   * @return the table as written
   * @throws IllegalArgumentException when it is missing or its columns are not the record's
   */
  public Dataset<Row> read(SparkSession spark, CuratedTables tables) {
    Dataset<Row> rows = tables.read(spark, name);
    requireColumns(rows.schema(), "read from " + tables.root().resolve(name));
    return rows;
  }

  /**
   * @param spark the session
   * @param tables where the tables are
   * @return every row as a record, in the table's canonical order
   */
  public List<R> readAll(SparkSession spark, CuratedTables tables) {
    return fromRows(read(spark, tables));
  }

  /**
   * Writes the table (canonical order, Parquet and CSV), replacing any earlier version.
   *
   * @param tables where the tables are
   * @param rows the rows, with this table's columns
   * @return rows written
   * @throws IllegalArgumentException when the rows' columns are not the record's
   */
  public long write(CuratedTables tables, Dataset<Row> rows) {
    requireColumns(rows.schema(), "written");
    return tables.write(name, rows);
  }

  /**
   * @param tables where the tables are
   * @param spark the session
   * @param rows the rows as records
   * @return rows written
   */
  public long write(CuratedTables tables, SparkSession spark, List<R> rows) {
    return write(tables, dataset(spark, rows));
  }

  /** Names and types must be the record's; nullability is Spark's to infer (a count is never null). */
  private void requireColumns(StructType actual, String where) {
    if (!actual.asNullable().equals(schema.asNullable())) {
      throw new IllegalArgumentException("table " + name + " " + where + " has columns " + actual.simpleString()
          + " but its record " + type.getSimpleName() + " has " + schema.simpleString());
    }
  }

  @Override
  public String toString() {
    return name + " (" + type.getSimpleName() + ")";
  }
}
