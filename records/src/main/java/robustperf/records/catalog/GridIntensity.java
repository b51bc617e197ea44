package robustperf.records.catalog;

/**
 * Carbon intensity of electricity.
 *
 * @param region region or default's name
 * @param gramsCo2PerKwh grams CO2-equivalent per kWh
 * @param source where the figure comes from (its year, where it has one)
 */
public record GridIntensity(String region, double gramsCo2PerKwh, Source source) {}
