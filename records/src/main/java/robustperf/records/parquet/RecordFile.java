package robustperf.records.parquet;

import java.util.List;

/**
 * The rows of one metric-record file with what its metadata said.
 *
 * @param file path or URI it was read from
 * @param kind the kind of its rows
 * @param version the schema version it was written with
 * @param rows its records, all of {@code kind.type()}
 */
public record RecordFile(String file, RecordKind kind, SchemaVersion version, List<Record> rows) {
  public RecordFile {
    rows = List.copyOf(rows);
  }
}
