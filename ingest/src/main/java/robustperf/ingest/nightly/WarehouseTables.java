package robustperf.ingest.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.ingest.schema.Component;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.parquet.RecordKind;

/** Reads a nightly warehouse back as tables: one per record kind, the ledger, the quarantine. */
public final class WarehouseTables {
  /** Name of the curated table that exports the ledger. */
  public static final String LEDGER = "nightly_ledger";

  private WarehouseTables() {}

  /**
   * @param spark the session
   * @param warehouse the warehouse directory
   * @return each kind's table, empty with its schema where the warehouse has none yet
   */
  public static Map<RecordKind, Dataset<Row>> records(SparkSession spark, Path warehouse) {
    Map<RecordKind, Dataset<Row>> tables = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      tables.put(kind, deltaOrEmpty(spark, NightlyJob.table(warehouse, kind), RecordRows.schema(kind.type())));
    }
    return tables;
  }

  /** @return every ledger entry ({@link LedgerEntry} rows) */
  public static Dataset<Row> ledger(SparkSession spark, Path warehouse) {
    return deltaOrEmpty(spark, NightlyJob.ledger(warehouse), RecordRows.schema(LedgerEntry.class));
  }

  /** @return quarantined files as {@link RejectedFile} rows */
  public static Dataset<Row> quarantined(SparkSession spark, Path warehouse) {
    return ledger(spark, warehouse)
        .filter(col(Component.columnOf(LedgerEntry::status)).equalTo(NightlyJob.QUARANTINED))
        .select(lit(MetricRecordIngest.SOURCE).as(Component.columnOf(RejectedFile::source)), col(Component.columnOf(LedgerEntry::file)),
            col(Component.columnOf(LedgerEntry::reason)));
  }

  private static Dataset<Row> deltaOrEmpty(SparkSession spark, Path table, org.apache.spark.sql.types.StructType schema) {
    return DeltaTable.isDeltaTable(spark, table.toString())
        ? spark.read().format("delta").load(table.toString())
        : spark.createDataFrame(List.of(), schema);
  }
}
