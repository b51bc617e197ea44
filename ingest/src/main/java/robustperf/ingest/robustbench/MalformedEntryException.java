package robustperf.ingest.robustbench;

/** A RobustBench file that is not a JSON object at all; the whole entry is rejected. */
public final class MalformedEntryException extends Exception {
  /**
   * @param file the file, relative to the snapshot root
   * @param reason what is wrong, with the parser's line and column where it gave them
   */
  public MalformedEntryException(String file, String reason) {
    super(file + ": " + reason);
  }
}
