/** Grids of runs from YAML: expansion, resumable execution with a progress bar, repeat summaries. */
package robustperf.train.grid;
