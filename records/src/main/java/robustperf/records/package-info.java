/**
 * Metric-record schema v1: the rows every RobustPerf job writes and every Spark job reads.
 *
 * <p>Units are in the field names (seconds, kWh, kg CO2, USD, FLOPs, percent). A value that could
 * not be measured is {@code null} and its snake_case column name is a key of the record's {@code
 * missing} map, whose value says why; NaN and infinities are rejected when a record is built, so
 * they can never reach a file or a table.
 */
package robustperf.records;
