/**
 * Catalogs of dated, sourced figures (GPU power and throughput, grid carbon intensity, prices,
 * PUE) read from CSV files under data/catalogs; a row without a source or date is refused.
 */
package robustperf.records.catalog;
