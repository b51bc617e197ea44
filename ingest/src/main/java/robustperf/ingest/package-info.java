/**
 * Ingest: RobustBench metadata and metric-record files into the curated tables. Owns the table
 * names and schemas; must not compute analyses (that is the analysis module's) nor train.
 */
package robustperf.ingest;
