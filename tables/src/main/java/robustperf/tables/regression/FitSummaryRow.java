package robustperf.tables.regression;

import java.io.Serializable;
import java.util.Map;

/**
 * One fit of the shared fit table, one row (table {@code regression_leaderboard_fits}).
 *
 * @param fitId identifies the fit: group, formula and method
 * @param groupValue the group fitted
 * @param formula "response ~ predictor + ..."
 * @param method "ols" or "quantile"
 * @param tau the quantile, null for OLS
 * @param estimator "exact-lp", "mm-irls" or "ols"
 * @param n observations
 * @param r2 R² (OLS)
 * @param adjustedR2 adjusted R² (OLS)
 * @param inputFilter the filter that chose the observations, as SQL
 * @param estimates each term's coefficient
 */
public record FitSummaryRow(
    String fitId, String groupValue, String formula, String method, Double tau, String estimator, Long n, Double r2,
    Double adjustedR2, String inputFilter, Map<String, Double> estimates)
    implements Serializable {}
