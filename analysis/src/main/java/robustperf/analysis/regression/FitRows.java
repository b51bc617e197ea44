package robustperf.analysis.regression;

import java.util.ArrayList;
import java.util.List;
import robustperf.tables.regression.FitRow;

/** Fits as rows of the shared fit table ({@link FitRow}): one row per coefficient. */
public final class FitRows {
  private FitRows() {}

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
