package robustperf.records.parquet;

import java.util.Map;

/**
 * Version of the metric-record schema: a new major breaks readers, a new minor only adds fields.
 *
 * @param major incompatible revisions
 * @param minor compatible additions
 */
public record SchemaVersion(int major, int minor) {
  /**
   * The version this code writes; 1.1 added evaluation.example_status and evaluation.warnings, 1.2
   * the layer_profile kind, 1.3 evaluation.checkpoint_epoch (and the checkpoint value "epoch").
   */
  public static final SchemaVersion CURRENT = new SchemaVersion(1, 3);

  /** Columns added by minor versions, "kind.column" to the version that added it. */
  private static final Map<String, SchemaVersion> ADDED =
      Map.of("evaluation.example_status", new SchemaVersion(1, 1), "evaluation.warnings", new SchemaVersion(1, 1),
          "evaluation.checkpoint_epoch", new SchemaVersion(1, 3));

  /**
   * @param kind a record kind's id
   * @param column a column of it
   * @param file the schema version of a file
   * @return whether the column was added after that file's version, so the file may lack it
   */
  public static boolean addedAfter(String kind, String column, SchemaVersion file) {
    SchemaVersion added = ADDED.get(kind + "." + column);
    return added != null && (file.major < added.major || file.major == added.major && file.minor < added.minor);
  }

  /** Parquet key-value metadata key holding the version, e.g. "1.0". */
  public static final String METADATA_KEY = "robustperf.schema.version";

  public SchemaVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("schema version parts must be >= 0");
    }
  }

  /**
   * Parses "major.minor".
   *
   * @param text the version
   * @return the version
   * @throws IllegalArgumentException when not of that form
   */
  public static SchemaVersion parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("\\.");
    try {
      if (parts.length == 2) {
        return new SchemaVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("schema version '" + text + "' is not major.minor");
  }

  /**
   * Whether this code can read a file of this version: same major; a newer minor only has extra
   * columns, which the reader ignores.
   *
   * @return true when readable
   */
  public boolean readableByCurrent() {
    return major == CURRENT.major;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
