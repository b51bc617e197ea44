package robustperf.records.catalog;

/**
 * A price as a range (low = high for a list price).
 *
 * @param item what is bought, e.g. "AWS p4d.24xlarge (8x A100)"
 * @param unit "gpu_hour" or "kwh"
 * @param usdLow lower end, USD per unit
 * @param usdHigh upper end, USD per unit
 * @param source where the figure comes from
 */
public record Price(String item, String unit, double usdLow, double usdHigh, Source source) {
  public Price {
    if (!unit.equals("gpu_hour") && !unit.equals("kwh")) {
      throw new IllegalArgumentException("price unit must be gpu_hour or kwh, got " + unit);
    }
    if (usdHigh < usdLow) {
      throw new IllegalArgumentException("price of " + item + ": usd_high " + usdHigh + " < usd_low " + usdLow);
    }
  }
}
