package robustperf.train.data;

import java.nio.file.Path;

/** A dataset file that is missing, truncated or not in its format; the message names the file. */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the offending file or directory
   * @param problem what is wrong with it
   */
  public DatasetException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /**
   * @param file the offending file or directory
   * @param problem what is wrong with it
   * @param cause the underlying error
   */
  public DatasetException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
