package robustperf.records.catalog;

/** A catalog file that cannot be used; the message names the file and line. */
public final class CatalogException extends IllegalArgumentException {
  /**
   * @param file the catalog file
   * @param line 1-based line, 0 for the whole file
   * @param reason what is wrong
   */
  public CatalogException(String file, int line, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason);
  }
}
