package robustperf.analysis.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

/**
 * Chooses a law form by extrapolation loss (Alabdulmohsin et al. 2022): every form is fitted on
 * the points below a compute quantile and scored on the points above it, by the root mean square
 * of ln(y-hat / y). The choice follows the one-standard-error rule: among the forms whose mean
 * squared held-out residual exceeds the best form's by at most {@code standardErrors} standard
 * errors of the paired per-point difference, the one with the fewest parameters, so that a nested
 * form that only matches a simpler one within noise is not preferred to it. In-sample loss is
 * reported, never used to choose.
 *
 * @param heldOutFraction the share of points, by largest compute, scored and not fitted
 * @param standardErrors the tie margin, in standard errors of the paired difference
 * @param fitter the fitter
 */
public record ExtrapolationChoice(double heldOutFraction, double standardErrors, HuberLawFitter fitter) {
  public ExtrapolationChoice {
    if (!(heldOutFraction > 0 && heldOutFraction < 1) || !(standardErrors >= 0)) {
      throw new IllegalArgumentException("held-out fraction in (0, 1) and a tie margin >= 0 required");
    }
  }

  /** @return the top 25% by compute held out, the one-standard-error rule, the default fitter */
  public static ExtrapolationChoice defaults() {
    return new ExtrapolationChoice(0.25, 1.0, HuberLawFitter.defaults());
  }

  /**
   * One form's scores.
   *
   * @param law the form (written around the fitted points' median)
   * @param fit its fit on the small-compute points, null when it failed
   * @param inSampleRmse RMSE of ln residuals on the fitted points
   * @param extrapolationRmse RMSE of ln residuals on the held-out points (infinite where the law is undefined)
   * @param rank 1 = lowest extrapolation loss
   * @param tiedWithBest whether its held-out loss is within the tie margin of the best form's
   * @param chosen whether this form is the choice
   * @param note why a fit failed, else null
   */
  public record Score(
      ScalingLaw law, LawFit fit, double inSampleRmse, double extrapolationRmse, int rank, boolean tiedWithBest, boolean chosen, String note) {}

  /**
   * @param scores one per form, by rank
   * @param chosen the chosen form's score
   * @param nFit points fitted
   * @param nHeldOut points scored
   * @param splitLog10Compute largest log10 compute among the fitted points
   */
  public record Result(List<Score> scores, Score chosen, int nFit, int nHeldOut, double splitLog10Compute) {}

  /**
   * @param forms the forms, given the reference log10 compute they are written around
   * @param data one-variable data
   * @return the scores and the choice
   */
  public Result choose(DoubleFunction<List<ScalingLaw>> forms, LawData data) {
    int n = data.size();
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> data.x()[i][0]));
    int nFit = n - (int) Math.ceil(heldOutFraction * n);
    // Ties at the split go to the fitted side, so the held-out points all lie beyond it.
    while (nFit < n && data.x()[order[nFit]][0] == data.x()[order[nFit - 1]][0]) {
      nFit++;
    }
    if (nFit < 4 || n - nFit < 2) {
      throw new IllegalArgumentException("extrapolation choice needs at least 4 fitted and 2 held-out points at distinct compute; got "
          + nFit + " and " + (n - nFit) + " of " + n);
    }
    LawData small = data.subset(Arrays.stream(order, 0, nFit).mapToInt(Integer::intValue).toArray());
    LawData large = data.subset(Arrays.stream(order, nFit, n).mapToInt(Integer::intValue).toArray());
    return chooseOn(forms, small, large);
  }

  /**
   * As {@link #choose(DoubleFunction, LawData)} with the held-out points given, e.g. every point
   * at the largest compute levels of a grid.
   *
   * @param forms the forms, given the reference log10 compute they are written around
   * @param data the points; feature 0 is log10 compute
   * @param heldOut which points are scored and not fitted
   * @return the scores and the choice
   */
  public Result choose(DoubleFunction<List<ScalingLaw>> forms, LawData data, boolean[] heldOut) {
    if (heldOut.length != data.size()) {
      throw new IllegalArgumentException(heldOut.length + " held-out flags for " + data.size() + " points");
    }
    int[] fitted = IntStream.range(0, data.size()).filter(i -> !heldOut[i]).toArray();
    int[] scored = IntStream.range(0, data.size()).filter(i -> heldOut[i]).toArray();
    if (fitted.length < 4 || scored.length < 2) {
      throw new IllegalArgumentException("extrapolation choice needs at least 4 fitted and 2 held-out points; got "
          + fitted.length + " and " + scored.length);
    }
    // The fitted side sorted by compute, as the quantile split leaves it (the split's edge is its last).
    Integer[] order = Arrays.stream(fitted).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> data.x()[i][0]));
    return chooseOn(forms, data.subset(Arrays.stream(order).mapToInt(Integer::intValue).toArray()), data.subset(scored));
  }

  /** Fits every form on the small points, scores it on the large ones, and chooses. */
  private Result chooseOn(DoubleFunction<List<ScalingLaw>> forms, LawData small, LawData large) {
    int n = small.size() + large.size();
    int nFit = small.size();
    List<ScalingLaw> laws = forms.apply(small.medianFeature());
    List<Score> raw = new ArrayList<>();
    List<double[]> squared = new ArrayList<>();
    for (ScalingLaw law : laws) {
      try {
        LawFit fit = fitter.fit(law, small);
        double[] heldOut = squaredResiduals(fit, large);
        raw.add(new Score(law, fit, rootMean(squaredResiduals(fit, small)), rootMean(heldOut), 0, false, false, null));
        squared.add(heldOut);
      } catch (IllegalArgumentException e) {
        raw.add(new Score(law, null, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, false, false, e.getMessage()));
        squared.add(null);
      }
    }
    Integer[] byLoss = IntStream.range(0, raw.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(byLoss, Comparator.comparingDouble(i -> raw.get(i).extrapolationRmse()));
    double[] best = squared.get(byLoss[0]);
    if (best == null || !Double.isFinite(raw.get(byLoss[0]).extrapolationRmse())) {
      throw new IllegalArgumentException("no law form could be fitted and scored on " + n + " points");
    }
    boolean[] tied = new boolean[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      tied[i] = squared.get(i) != null && withinMargin(squared.get(i), best);
    }
    int chosen = IntStream.range(0, raw.size()).filter(i -> tied[i]).boxed()
        .min(Comparator.<Integer>comparingInt(i -> raw.get(i).law().parameters().size())
            .thenComparingDouble(i -> raw.get(i).extrapolationRmse()))
        .orElseThrow();
    List<Score> scores = new ArrayList<>();
    for (int r = 0; r < byLoss.length; r++) {
      int i = byLoss[r];
      Score s = raw.get(i);
      scores.add(new Score(s.law(), s.fit(), s.inSampleRmse(), s.extrapolationRmse(), r + 1, tied[i], i == chosen, s.note()));
    }
    Score chosenRanked = scores.stream().filter(Score::chosen).findFirst().orElseThrow();
    return new Result(scores, chosenRanked, nFit, n - nFit, small.x()[nFit - 1][0]);
  }

  /** Whether the mean paired excess of squared residuals over the best form's is within the margin. */
  private boolean withinMargin(double[] candidate, double[] best) {
    int m = best.length;
    double mean = 0;
    double bestMean = 0;
    for (int i = 0; i < m; i++) {
      mean += candidate[i] - best[i];
      bestMean += best[i];
    }
    mean /= m;
    bestMean /= m;
    if (!Double.isFinite(mean)) {
      return false;
    }
    double var = 0;
    for (int i = 0; i < m; i++) {
      double d = candidate[i] - best[i] - mean;
      var += d * d;
    }
    double se = Math.sqrt(var / (m - 1) / m);
    // Forms that coincide (a nested form at its boundary) differ by rounding only: a floor of 0.1%
    // of the best loss keeps that from counting as a difference.
    return mean <= Math.max(standardErrors * se, 1e-3 * bestMean);
  }

  /** @return each point's squared ln(y-hat / y), infinite where the law is undefined */
  private static double[] squaredResiduals(LawFit fit, LawData data) {
    double[] s = new double[data.size()];
    for (int i = 0; i < s.length; i++) {
      double r = fit.law().logPrediction(data.x()[i], fit.parameters(), null) - Math.log(data.y()[i]);
      s[i] = Double.isFinite(r) ? r * r : Double.POSITIVE_INFINITY;
    }
    return s;
  }

  /** @return the root of the mean: an RMSE of ln(y-hat / y), infinite where the law is undefined */
  private static double rootMean(double[] squared) {
    double sum = 0;
    for (double v : squared) {
      sum += v;
    }
    return Math.sqrt(sum / squared.length);
  }
}
