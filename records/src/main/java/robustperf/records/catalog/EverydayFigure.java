package robustperf.records.catalog;

import java.util.Set;

/**
 * An everyday figure a forecast is set beside, e.g. the CO2 of one flight or a household's yearly
 * electricity.
 *
 * @param item what it is, e.g. "Air travel, 1 passenger, New York - San Francisco round trip"
 * @param quantity what it measures: co2_kg, usd or kwh
 * @param value the figure, in the quantity's unit
 * @param source where it comes from, with the year it describes
 * @param note how it was taken (conversion, verification)
 */
public record EverydayFigure(String item, String quantity, double value, Source source, String note) {
  /** The quantities a forecast is expressed in. */
  public static final Set<String> QUANTITIES = Set.of("co2_kg", "usd", "kwh");

  public EverydayFigure {
    if (!QUANTITIES.contains(quantity)) {
      throw new IllegalArgumentException("quantity must be one of " + QUANTITIES + ", got " + quantity);
    }
    if (!(value > 0)) {
      throw new IllegalArgumentException("everyday figure '" + item + "' must be > 0, got " + value);
    }
  }
}
