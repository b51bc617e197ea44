/** The curated tables: their names, and how they are written (Parquet plus one CSV) and read. */
package robustperf.ingest.curated;
