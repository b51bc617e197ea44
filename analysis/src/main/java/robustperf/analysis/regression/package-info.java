/**
 * Linear and quantile regression with inference, computed by passes over the observations so the
 * same code fits a local array or a Spark dataset of any size.
 */
package robustperf.analysis.regression;
