package robustperf.records.compute;

/**
 * One recipe figure with where it comes from.
 *
 * @param value the value as written
 * @param source a URL pinned to a commit or a page
 * @param locator where in it (file lines, section, table, issue comment); "rule: ..." for a low figure
 * @param confidence how firmly it is tied to the released checkpoint
 */
public record SourcedFigure(String value, String source, String locator, Confidence confidence) {
  /** @return the value as a number */
  public double number() {
    return Double.parseDouble(value);
  }
}
