package robustperf.records.parquet;

import java.io.IOException;

/** A metric-record file that cannot be read; the message names the file and why. */
public final class RecordFileException extends IOException {
  private final String file;

  /**
   * @param file the file's path or URI
   * @param reason what is wrong, and the fix where there is one
   * @param cause the underlying error, or null
   */
  public RecordFileException(String file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file;
  }

  /** @return the file's path or URI */
  public String file() {
    return file;
  }
}
