package robustperf.analysis.regression;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

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
    implements Serializable {

  /** @return one row per coefficient of an OLS fit */
  public static List<FitRow> of(String group, String formula, String filter, OlsFit fit) {
    List<FitRow> rows = new ArrayList<>();
    for (Coefficient c : fit.coefficients()) {
      rows.add(
          new FitRow(group + " | " + formula + " | ols", group, formula, "ols", null, "ols", c.term(),
              c.estimate(), c.se(), c.t(), c.p(), c.ciLow(), c.ciHigh(), c.seHc1(), c.pHc1(),
              fit.r2(), fit.adjustedR2(), fit.n(), filter, null));
    }
    return rows;
  }

  /** @return one row per coefficient of a quantile fit */
  public static List<FitRow> of(String group, String formula, String filter, QuantileFit fit) {
    List<FitRow> rows = new ArrayList<>();
    for (int i = 0; i < fit.terms().size(); i++) {
      boolean ci = fit.bootstrapReplicates() > 0;
      rows.add(
          new FitRow(group + " | " + formula + " | tau=" + fit.tau(), group, formula, "quantile",
              fit.tau(), fit.method(), fit.terms().get(i), fit.estimates().get(i), null, null, null,
              ci ? fit.ciLow().get(i) : null, ci ? fit.ciHigh().get(i) : null, null, null, null, null,
              fit.n(), filter, fit.bootstrapSeed()));
    }
    return rows;
  }

  /**
   * Thompson et al.'s pair of fits on the same observations: OLS, and the exact tau-quantile fit
   * with bootstrap intervals.
   *
   * @param group the group fitted
   * @param formula "response ~ predictor + ..."
   * @param filter the input filter, as SQL
   * @param data the observations
   * @param predictorNames one name per predictor
   * @param tau the quantile
   * @param bootstrapReplicates replicates for the quantile fit's intervals
   * @param seed the bootstrap's seed
   * @return the OLS rows, then the quantile fit's
   */
  public static List<FitRow> olsAndQuantile(
      String group, String formula, String filter, ArrayObservations data, List<String> predictorNames, double tau,
      int bootstrapReplicates, long seed) {
    List<FitRow> rows = new ArrayList<>(of(group, formula, filter, Ols.fit(data, predictorNames)));
    rows.addAll(of(group, formula, filter, QuantileRegression.fitExact(data, predictorNames, tau, bootstrapReplicates, seed)));
    return rows;
  }
}
