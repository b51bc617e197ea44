package robustperf.ingest.nightly;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.ingest.runs.MetricRecordIngest.FoundFile;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.parquet.RecordKind;

/**
 * Spark job: folds the metric-record files that are new since the last run into the warehouse's
 * Delta tables, exactly once.
 *
 * <p>Order makes a kill at any point safe: quarantine decisions are written to the ledger before
 * files move (a run finishes moves a killed one left); rows are MERGEd on natural keys before
 * their files enter the ledger, so a killed run's files are read again next time and MERGE counts
 * them once. Local warehouses and runs directories only (files are moved with java.nio).
 */
public final class NightlyJob {
  static final String INGESTED = "ingested";
  static final String QUARANTINED = "quarantined";

  /**
   * @param runsDir where jobs drop metric-record files
   * @param warehouse the warehouse directory: tables/, ledger/, quarantine/
   */
  public record Options(Path runsDir, Path warehouse) {}

  /**
   * @param nightlyId this run's id (UTC timestamp)
   * @param found files under the runs directory
   * @param fresh files not seen before (by path, size and modification time)
   * @param ingested files taken in
   * @param quarantined files moved to quarantine, "file: reason"
   * @param rowsPerTable rows in each warehouse table after the run
   */
  public record Summary(
      String nightlyId, int found, int fresh, long ingested, List<String> quarantined, Map<String, Long> rowsPerTable) {}

  private final Options options;

  public NightlyJob(Options options) {
    this.options = options;
  }

  /** @return the warehouse's Delta table of a record kind */
  public static Path table(Path warehouse, RecordKind kind) {
    return warehouse.resolve("tables").resolve(kind.id());
  }

  /** @return the ledger table */
  public static Path ledger(Path warehouse) {
    return warehouse.resolve("ledger");
  }

  /**
   * Runs one nightly fold. The caller holds the {@link NightlyLock}.
   *
   * @param spark the session
   * @return what happened
   */
  public Summary run(SparkSession spark) {
    String nightlyId = DateTimeFormatter.ISO_INSTANT.format(Instant.now()).replace(":", "");
    Path ledgerPath = ledger(options.warehouse());
    List<Row> seen = readLedger(spark, ledgerPath);
    finishQuarantineMoves(seen);
    Set<String> known = new HashSet<>();
    for (Row r : seen) {
      known.add(identity(r.getAs("file"), r.<Long>getAs("size_bytes"), r.<Long>getAs("modified_at")));
    }
    List<FoundFile> found =
        MetricRecordIngest.find(new org.apache.hadoop.fs.Path(options.runsDir().toUri()), spark.sparkContext().hadoopConfiguration());
    List<FoundFile> fresh = found.stream().filter(f -> !known.contains(identity(f.file(), f.sizeBytes(), f.modifiedAt()))).toList();
    Map<String, FoundFile> byName = fresh.stream().collect(Collectors.toMap(FoundFile::file, f -> f));
    List<String> quarantined = new ArrayList<>();
    long ingestedCount = 0;
    if (!fresh.isEmpty()) {
      MetricRecordIngest.Output read = MetricRecordIngest.read(spark, fresh.stream().map(FoundFile::file).toList());
      List<LedgerEntry> decisions = new ArrayList<>();
      List<Row> rejected = read.rejected().collectAsList();
      for (Row r : rejected) {
        FoundFile f = byName.get(r.<String>getAs("file"));
        Path source = localPath(f.file());
        Path target = options.warehouse().resolve("quarantine").resolve(nightlyId).resolve(options.runsDir().toAbsolutePath().relativize(source.toAbsolutePath()));
        decisions.add(new LedgerEntry(f.file(), f.sizeBytes(), f.modifiedAt(), QUARANTINED, null, 0, r.getAs("reason"), target.toString(), nightlyId, Instant.now()));
        quarantined.add(r.<String>getAs("reason"));
      }
      appendLedger(spark, ledgerPath, decisions);
      decisions.forEach(NightlyJob::move);
      List<Row> ingested = read.ingested().collectAsList();
      Set<String> kindsWithRows = new HashSet<>();
      for (Row r : ingested) {
        if (r.<Long>getAs("rows") > 0) {
          kindsWithRows.add(r.getAs("kind"));
        }
      }
      for (Map.Entry<RecordKind, Dataset<Row>> t : read.tables().entrySet()) {
        // A MERGE costs seconds even with nothing to merge: only kinds with new rows get one.
        if (kindsWithRows.contains(t.getKey().id())) {
          merge(spark, table(options.warehouse(), t.getKey()), t.getValue(), MetricRecordIngest.keys(t.getKey()));
        }
      }
      List<LedgerEntry> taken = new ArrayList<>();
      for (Row r : ingested) {
        FoundFile f = byName.get(r.<String>getAs("file"));
        taken.add(new LedgerEntry(f.file(), f.sizeBytes(), f.modifiedAt(), INGESTED, r.getAs("kind"), r.<Long>getAs("rows"), null, null, nightlyId, Instant.now()));
      }
      appendLedger(spark, ledgerPath, taken);
      ingestedCount = taken.size();
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      Path t = table(options.warehouse(), kind);
      rows.put(kind.id(), DeltaTable.isDeltaTable(spark, t.toString()) ? spark.read().format("delta").load(t.toString()).count() : 0L);
    }
    return new Summary(nightlyId, found.size(), fresh.size(), ingestedCount, quarantined, rows);
  }

  /** Upserts rows on their keys; creates the table on first use. New columns are added (autoMerge). */
  static void merge(SparkSession spark, Path table, Dataset<Row> rows, List<String> keys) {
    Dataset<Row> source = rows.dropDuplicates(keys.toArray(String[]::new));
    if (!DeltaTable.isDeltaTable(spark, table.toString())) {
      if (source.isEmpty()) {
        return;
      }
      source.write().format("delta").mode(SaveMode.ErrorIfExists).save(table.toString());
      return;
    }
    String on = keys.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
    DeltaTable.forPath(spark, table.toString()).as("t").merge(source.as("s"), on)
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  private static List<Row> readLedger(SparkSession spark, Path ledger) {
    if (!DeltaTable.isDeltaTable(spark, ledger.toString())) {
      return List.of();
    }
    return spark.read().format("delta").load(ledger.toString())
        .select(col("file"), col("size_bytes"), col("modified_at"), col("status"), col("quarantined_to"))
        .collectAsList();
  }

  private static void appendLedger(SparkSession spark, Path ledger, List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    spark.createDataFrame(entries.stream().map(RecordRows::toRow).toList(), RecordRows.schema(LedgerEntry.class))
        .write().format("delta").mode(SaveMode.Append).save(ledger.toString());
  }

  /** A run killed between its ledger entry and the move left the file in place: move it now. */
  private static void finishQuarantineMoves(List<Row> seen) {
    for (Row r : seen) {
      if (QUARANTINED.equals(r.getAs("status"))) {
        Path source = localPath(r.getAs("file"));
        try {
          if (Files.exists(source)
              && Files.size(source) == r.<Long>getAs("size_bytes")
              && Files.getLastModifiedTime(source).toMillis() == r.<Long>getAs("modified_at")) {
            move(source, Path.of(r.<String>getAs("quarantined_to")));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot finish quarantining " + source, e);
        }
      }
    }
  }

  private static void move(LedgerEntry e) {
    move(localPath(e.file()), Path.of(e.quarantinedTo()));
  }

  private static void move(Path source, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + source + " to quarantine " + target, e);
    }
  }

  private static Path localPath(String file) {
    return Path.of(java.net.URI.create(file.startsWith("file:") ? file : "file://" + file));
  }

  private static String identity(String file, long size, long modifiedAt) {
    return file + "|" + size + "|" + modifiedAt;
  }
}
