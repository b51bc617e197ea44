package robustperf.records;

import java.util.Map;
import java.util.TreeMap;

/**
 * Enforces the schema's rule for absent values: null with a reason, never NaN, infinity or a
 * made-up zero.
 */
public final class MissingValues {
  private MissingValues() {}

  /**
   * Copies a missing-reasons map into an immutable sorted one.
   *
   * @param missing column name to reason, may be null
   * @return an immutable copy, empty when null
   * @throws IllegalArgumentException when a reason is blank
   */
  public static Map<String, String> copy(Map<String, String> missing) {
    if (missing == null) {
      return Map.of();
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    missing.forEach(
        (column, reason) -> {
          if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("missing value '" + column + "' needs a reason");
          }
          sorted.put(column, reason);
        });
    return java.util.Collections.unmodifiableMap(sorted);
  }

  /**
   * Checks one nullable number against the missing-reasons map.
   *
   * @param missing column name to reason
   * @param column the snake_case column name of the value
   * @param value the value, or null
   * @throws IllegalArgumentException when the value is NaN or infinite, null without a reason, or
   *     present while a reason says it is missing
   */
  public static void check(Map<String, String> missing, String column, Number value) {
    if (value == null) {
      if (!missing.containsKey(column)) {
        throw new IllegalArgumentException(
            column + " is null without a reason: add missing." + column + " = <why>");
      }
      return;
    }
    double d = value.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(
          column + " is " + d + ": record null with a reason instead of NaN or infinity");
    }
    if (missing.containsKey(column)) {
      throw new IllegalArgumentException(
          column + " has a value " + value + " and also a missing reason: keep one");
    }
  }

  /**
   * Checks a required number.
   *
   * @param column the snake_case column name
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException when NaN or infinite
   */
  public static double finite(String column, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(column + " must be finite, got " + value);
    }
    return value;
  }

  /**
   * Checks a percentage.
   *
   * @param column the snake_case column name
   * @param value a percent in [0, 100], or null (checked for a reason separately)
   * @throws IllegalArgumentException when outside [0, 100]
   */
  public static void percent(String column, Double value) {
    if (value != null && !(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(column + " must be a percent in [0, 100], got " + value);
    }
  }

  /**
   * Requires a non-blank string.
   *
   * @param column the column name
   * @param value the value
   * @return the trimmed value
   * @throws IllegalArgumentException when null or blank
   */
  public static String text(String column, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(column + " must not be empty");
    }
    return value.trim();
  }
}
