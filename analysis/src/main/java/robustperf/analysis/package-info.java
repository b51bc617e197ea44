/**
 * Analyses over the curated tables: Pareto fronts first, regressions, scaling laws and cost
 * tables as they land. Reads tables through ingest's {@code CuratedTables}; never reads raw input
 * files, never trains.
 */
package robustperf.analysis;
