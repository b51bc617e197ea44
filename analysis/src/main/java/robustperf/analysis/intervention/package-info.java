/**
 * Where advances come from: interventions (wider, deeper, extra data, newer methods, more attack
 * steps) ranked by the robust accuracy they gain per doubling of training compute, predicted from
 * the leaderboards and measured on our runs.
 */
package robustperf.analysis.intervention;
