/**
 * Grids of runs from YAML: expansion, resumable execution with a progress bar, shards balanced by
 * expected work that run at once into one runs directory, repeat summaries.
 */
package robustperf.train.grid;
