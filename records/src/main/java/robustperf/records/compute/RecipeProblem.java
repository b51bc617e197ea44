package robustperf.records.compute;

/**
 * A recipes.csv row that was not taken, and why.
 *
 * @param file the file
 * @param line its 1-based line
 * @param reason what is wrong, naming the column
 */
public record RecipeProblem(String file, int line, String reason) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
