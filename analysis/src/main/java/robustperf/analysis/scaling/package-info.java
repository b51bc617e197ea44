/**
 * Scaling laws: error (or loss) as a function of compute, parameters and data. Each law form is
 * fitted by Huber loss on log residuals with a bounded L-BFGS from a multi-start grid; forms are
 * chosen by extrapolation loss (fit small, score large); intervals come from the bootstrap and
 * from split-conformal calibration; a fitted law is inverted to the compute a target needs.
 */
package robustperf.analysis.scaling;
