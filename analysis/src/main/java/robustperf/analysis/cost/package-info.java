/** What robustness costs: the overhead of adversarial training over standard training. */
package robustperf.analysis.cost;
