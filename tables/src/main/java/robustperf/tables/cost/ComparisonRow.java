package robustperf.tables.cost;

import java.io.Serializable;

/**
 * One forecast quantity beside one everyday figure.
 *
 * @param groupValue the forecast's group
 * @param response "robust_error" or "clean_error"
 * @param targetAccuracyPct the target
 * @param gpu the catalog GPU
 * @param precision fp32 or fp16
 * @param quantity co2_kg, kwh or usd
 * @param forecast the forecast, point
 * @param forecastLow low end
 * @param forecastHigh high end, null when unbounded
 * @param item the everyday item
 * @param itemValue its figure
 * @param multiple forecast / itemValue
 * @param multipleLow forecastLow / itemValue
 * @param multipleHigh forecastHigh / itemValue
 * @param itemSource the item's source, year and the date it was taken
 * @param itemNote how it was taken
 */
public record ComparisonRow(
    String groupValue, String response, double targetAccuracyPct, String gpu, String precision, String quantity,
    double forecast, Double forecastLow, Double forecastHigh, String item, double itemValue, double multiple,
    Double multipleLow, Double multipleHigh, String itemSource, String itemNote)
    implements Serializable {}
