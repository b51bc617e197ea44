package robustperf.records.catalog;

/**
 * A power usage effectiveness: facility energy / IT energy.
 *
 * @param setting name, e.g. "data-centre average"
 * @param pue the ratio, >= 1
 * @param source where the figure comes from
 */
public record PueSetting(String setting, double pue, Source source) {
  public PueSetting {
    if (!(pue >= 1)) {
      throw new IllegalArgumentException("PUE of " + setting + " must be >= 1, got " + pue);
    }
  }
}
