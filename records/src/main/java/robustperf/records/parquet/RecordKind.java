package robustperf.records.parquet;

import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.InferenceBenchmark;
import robustperf.records.LayerProfile;
import robustperf.records.RunManifest;

/** The kinds of metric-record file, each bound to its record type. */
public enum RecordKind {
  RUN_MANIFEST("run_manifest", RunManifest.class),
  EPOCH_METRICS("epoch_metrics", EpochMetrics.class),
  EVALUATION("evaluation", EvaluationResult.class),
  INFERENCE_BENCHMARK("inference_benchmark", InferenceBenchmark.class),
  LAYER_PROFILE("layer_profile", LayerProfile.class);

  /** Parquet key-value metadata key holding the kind id. */
  public static final String METADATA_KEY = "robustperf.record.kind";

  private final String id;
  private final Class<? extends Record> type;

  RecordKind(String id, Class<? extends Record> type) {
    this.id = id;
    this.type = type;
  }

  /** @return the id written to file metadata and used as the curated table name */
  public String id() {
    return id;
  }

  /** @return the record class of this kind's rows */
  public Class<? extends Record> type() {
    return type;
  }

  /**
   * Finds the kind of a record class.
   *
   * @param type a record class of the schema
   * @return its kind
   * @throws IllegalArgumentException when the class is not a metric record
   */
  public static RecordKind of(Class<?> type) {
    for (RecordKind kind : values()) {
      if (kind.type.equals(type)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(type.getName() + " is not a metric-record type");
  }

  /**
   * Finds a kind by its id.
   *
   * @param id the id from file metadata
   * @return the kind
   * @throws IllegalArgumentException when unknown
   */
  public static RecordKind parse(String id) {
    for (RecordKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown record kind '" + id + "'");
  }
}
