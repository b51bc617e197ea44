package robustperf.ingest.nightly;

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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.ingest.runs.MetricRecordIngest.FoundFile;
import robustperf.ingest.runs.MetricRecordIngest.IngestedFile;
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
    List<LedgerLine> seen = readLedger(spark, ledgerPath);
    finishQuarantineMoves(seen);
    Set<String> known = new HashSet<>();
    for (LedgerLine r : seen) {
      known.add(identity(r.file(), r.sizeBytes(), r.modifiedAt()));
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
      List<RejectedFile> rejected = read.rejected().collectAsList().stream().map(r -> RecordRows.fromRow(RejectedFile.class, r)).toList();
      for (RejectedFile r : rejected) {
        FoundFile f = byName.get(r.file());
        Path source = localPath(f.file());
        Path target = options.warehouse().resolve("quarantine").resolve(nightlyId).resolve(options.runsDir().toAbsolutePath().relativize(source.toAbsolutePath()));
        decisions.add(new LedgerEntry(f.file(), f.sizeBytes(), f.modifiedAt(), QUARANTINED, null, 0, r.reason(), target.toString(), nightlyId, Instant.now()));
        quarantined.add(r.reason());
      }
      appendLedger(spark, ledgerPath, decisions);
      decisions.forEach(NightlyJob::move);
      List<IngestedFile> ingested =
          read.ingested().collectAsList().stream().map(r -> RecordRows.fromRow(IngestedFile.class, r)).toList();
      Set<String> kindsWithRows = new HashSet<>();
      for (IngestedFile r : ingested) {
        if (r.rows() > 0) {
          kindsWithRows.add(r.kind());
        }
      }
      for (Map.Entry<RecordKind, Dataset<Row>> t : read.tables().entrySet()) {
        // A MERGE costs seconds even with nothing to merge: only kinds with new rows get one.
        if (kindsWithRows.contains(t.getKey().id())) {
          merge(spark, table(options.warehouse(), t.getKey()), t.getValue(), MetricRecordIngest.keys(t.getKey()));
        }
      }
      List<LedgerEntry> taken = new ArrayList<>();
      for (IngestedFile r : ingested) {
        FoundFile f = byName.get(r.file());
        taken.add(new LedgerEntry(f.file(), f.sizeBytes(), f.modifiedAt(), INGESTED, r.kind(), r.rows(), null, null, nightlyId, Instant.now()));
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

  /** What a run reads back from the ledger: a file's identity, and where a quarantined one goes. */
  private record LedgerLine(String file, long sizeBytes, long modifiedAt, String status, String quarantinedTo) {}

  private static List<LedgerLine> readLedger(SparkSession spark, Path ledger) {
    if (!DeltaTable.isDeltaTable(spark, ledger.toString())) {
      return List.of();
    }
    // These columns only: a ledger written by an older version may lack later ones.
    Column[] columns = java.util.Arrays.stream(RecordRows.schema(LedgerLine.class).fieldNames()).map(functions::col).toArray(Column[]::new);
    return spark.read().format("delta").load(ledger.toString()).select(columns).collectAsList().stream()
        .map(r -> RecordRows.fromRow(LedgerLine.class, r)).toList();
  }

  private static void appendLedger(SparkSession spark, Path ledger, List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    spark.createDataFrame(entries.stream().map(RecordRows::toRow).toList(), RecordRows.schema(LedgerEntry.class))
        .write().format("delta").mode(SaveMode.Append).save(ledger.toString());
  }

  /** A run killed between its ledger entry and the move left the file in place: move it now. */
  private static void finishQuarantineMoves(List<LedgerLine> seen) {
    for (LedgerLine r : seen) {
      if (QUARANTINED.equals(r.status())) {
        Path source = localPath(r.file());
        try {
          if (Files.exists(source)
              && Files.size(source) == r.sizeBytes()
              && Files.getLastModifiedTime(source).toMillis() == r.modifiedAt()) {
            move(source, Path.of(r.quarantinedTo()));
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
