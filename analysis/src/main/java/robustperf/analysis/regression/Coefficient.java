package robustperf.analysis.regression;

import java.io.Serializable;

/**
 * One fitted coefficient with its inference. Classical inference uses Student's t with the
 * residual degrees of freedom; HC1 (White's heteroskedasticity-consistent covariance scaled by
 * n/(n-k)) uses the normal distribution, as statsmodels does for robust covariances.
 *
 * @param term the predictor's name, "intercept" for the constant
 * @param estimate the coefficient
 * @param se classical standard error
 * @param t estimate / se
 * @param p two-sided p-value of t
 * @param ciLow lower end of the 95% confidence interval (classical)
 * @param ciHigh upper end of the 95% confidence interval (classical)
 * @param seHc1 HC1 standard error
 * @param pHc1 two-sided p-value of estimate / seHc1 (normal)
 * @param ciLowHc1 lower end of the 95% interval with HC1
 * @param ciHighHc1 upper end of the 95% interval with HC1
 */
public record Coefficient(
    String term,
    double estimate,
    double se,
    double t,
    double p,
    double ciLow,
    double ciHigh,
    double seHc1,
    double pHc1,
    double ciLowHc1,
    double ciHighHc1)
    implements Serializable {}
