/**
 * The Spark boundary: Java records to Spark rows and schemas, column names in snake_case as the
 * Parquet files have them.
 */
package robustperf.ingest.schema;
