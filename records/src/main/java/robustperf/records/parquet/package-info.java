/**
 * Parquet files of metric records, written and read without Spark (carpet-record).
 *
 * <p>Each file holds one {@link robustperf.records.parquet.RecordKind} and carries the schema
 * version and kind in its key-value metadata. Writes go to a temp name starting with "_" and are
 * renamed into place, so a crash never leaves a partial file under a final name and Spark, which
 * skips "_" files, never reads one.
 */
package robustperf.records.parquet;
