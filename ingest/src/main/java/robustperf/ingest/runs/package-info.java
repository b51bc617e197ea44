/**
 * Metric-record files from training and evaluation jobs: found under a runs root, each read
 * whole by the records module on an executor, rejected whole with its reason when unreadable.
 */
package robustperf.ingest.runs;
