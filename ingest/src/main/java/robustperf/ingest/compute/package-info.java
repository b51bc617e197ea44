/** Spark: the sourced training recipes and our architectures' forward costs into curated tables. */
package robustperf.ingest.compute;
