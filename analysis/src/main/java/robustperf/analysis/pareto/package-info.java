/** Non-dominated fronts over any mix of maximized and minimized columns. */
package robustperf.analysis.pareto;
