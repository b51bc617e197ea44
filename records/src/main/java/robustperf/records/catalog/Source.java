package robustperf.records.catalog;

import java.time.LocalDate;

/**
 * Where a catalog figure comes from.
 *
 * @param citation the source, e.g. a datasheet or page
 * @param figureYear the year the figure describes, or null when it is not for a year
 * @param retrievedOn when RobustPerf took it
 */
public record Source(String citation, Integer figureYear, LocalDate retrievedOn) {
  public Source {
    if (citation == null || citation.isBlank() || retrievedOn == null) {
      throw new IllegalArgumentException("a catalog figure needs a source and the date it was taken");
    }
  }

  /** @return the citation with its year (where the figure is for one) and the date it was taken, as tables print it */
  public String described() {
    return citation + " (" + (figureYear == null ? "" : figureYear + ", ") + "taken " + retrievedOn + ")";
  }
}
