/**
 * Growth over time: doubling (or halving) times of a metric by era, from log-linear fits on the
 * date, with era boundaries given or found by an optimal breakpoint search.
 */
package robustperf.analysis.trend;
