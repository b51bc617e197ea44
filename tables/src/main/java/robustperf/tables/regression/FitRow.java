package robustperf.tables.regression;

import java.io.Serializable;

/**
 * One coefficient of one fit, as a table row: fits of every kind share this table.
 *
 * @param fitId identifies the fit: group, formula and method
 * @param groupValue the group the fit ran on, e.g. a leaderboard
 * @param formula "response ~ predictor + ..."
 * @param method "ols" or "quantile"
 * @param tau the quantile, null for OLS
 * @param estimator "exact-lp", "mm-irls" or "ols"
 * @param term "intercept" or a predictor
 * @param estimate the coefficient
 * @param se classical standard error (OLS), null otherwise
 * @param t estimate / se (OLS)
 * @param p two-sided p-value of t (OLS)
 * @param ciLow lower end of the 95% interval: classical (OLS) or bootstrap percentile (quantile)
 * @param ciHigh upper end of the 95% interval
 * @param seHc1 HC1 standard error (OLS)
 * @param pHc1 p-value with HC1 (OLS, normal)
 * @param r2 R² (OLS)
 * @param adjustedR2 adjusted R² (OLS)
 * @param n observations
 * @param inputFilter the filter that chose the observations, as SQL
 * @param bootstrapSeed the seed of the bootstrap behind the interval, null where none drew random numbers
 */
public record FitRow(
    String fitId,
    String groupValue,
    String formula,
    String method,
    Double tau,
    String estimator,
    String term,
    double estimate,
    Double se,
    Double t,
    Double p,
    Double ciLow,
    Double ciHigh,
    Double seHc1,
    Double pHc1,
    Double r2,
    Double adjustedR2,
    long n,
    String inputFilter,
    Long bootstrapSeed)
    implements Serializable {}
