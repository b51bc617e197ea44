package robustperf.analysis.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scaling laws of one training method's isoFLOP grid, fitted on that method's runs alone: every
 * one-variable form on training compute C and the two-variable form E + A/N^alpha + B/D^beta on
 * parameters N and examples seen D, the form chosen by extrapolation loss with the runs of the
 * largest compute levels held out, and then measured: the chosen law's prediction for each held-out
 * run against its measured error, with a jackknife+ interval and whether it covered the run.
 *
 * @param heldOutLevels how many of the largest compute levels are held out (at least 3 when the
 *     grid has them)
 * @param levelGap log10 distance that separates two compute levels (budgets are laid out farther
 *     apart; runs of one budget differ by rounding)
 * @param alpha jackknife+ miscoverage per side (nominal coverage at least 1 - 2 alpha)
 * @param choice the extrapolation choice (its fitter fits every form)
 */
public record GridLaws(int heldOutLevels, double levelGap, double alpha, ExtrapolationChoice choice) {

  /** @return the top 3 levels held out, levels 0.05 decades apart, nominal 90% intervals, default choice */
  public static GridLaws defaults() {
    return new GridLaws(3, 0.05, 0.05, ExtrapolationChoice.defaults());
  }

  /**
   * One run of the grid.
   *
   * @param parameters N, trainable parameters
   * @param examplesSeen D, training examples times epochs
   * @param trainingFlops C, training FLOPs (attack passes included)
   * @param error the response: 1 - accuracy of the run's final test-set evaluation
   */
  public record Point(double parameters, double examplesSeen, double trainingFlops, double error) {}

  /**
   * A held-out run, predicted by the law fitted below it.
   *
   * @param point the run
   * @param level its compute level (0 = smallest)
   * @param predictedError the chosen law's prediction
   * @param low lower end of the jackknife+ interval
   * @param high upper end
   */
  public record Prediction(Point point, int level, double predictedError, double low, double high) {
    /** @return whether the interval holds the measured error */
    public boolean covered() {
      return point.error() >= low && point.error() <= high;
    }

    /** @return predicted minus measured accuracy, in points */
    public double accuracyErrorPoints() {
      return 100 * (point.error() - predictedError);
    }
  }

  /**
   * @param levels the compute levels, log10 FLOPs of each level's smallest run, ascending
   * @param heldOutFrom the first held-out level
   * @param choice every form's scores and the choice
   * @param predictions the held-out runs, by level then input order
   * @param alpha the interval's miscoverage per side
   */
  public record Result(double[] levels, int heldOutFrom, ExtrapolationChoice.Result choice, List<Prediction> predictions, double alpha) {
    /** @return the share of held-out runs whose interval covered the measured error */
    public double coverage() {
      return predictions.stream().filter(Prediction::covered).count() / (double) predictions.size();
    }

    /** @return the mean absolute prediction error over the held-out runs, accuracy points */
    public double meanAbsoluteErrorPoints() {
      return predictions.stream().mapToDouble(p -> Math.abs(p.accuracyErrorPoints())).average().orElse(Double.NaN);
    }
  }

  /**
   * @param points one method's runs (never several methods': a law per method)
   * @param chanceError the error of guessing, the bound of saturating forms
   * @return the choice and its measured extrapolation
   * @throws IllegalArgumentException when the grid has too few compute levels to hold out the top ones
   */
  public Result fit(List<Point> points, double chanceError) {
    int n = points.size();
    double[] log10Flops = points.stream().mapToDouble(p -> Math.log10(p.trainingFlops())).toArray();
    double[] levels = levels(log10Flops, levelGap);
    if (levels.length < heldOutLevels + 2) {
      throw new IllegalArgumentException("a grid with " + levels.length + " compute levels cannot hold out its top " + heldOutLevels
          + " and fit on at least 2");
    }
    int heldOutFrom = levels.length - heldOutLevels;
    double[][] x = new double[n][];
    double[] y = new double[n];
    boolean[] heldOut = new boolean[n];
    int[] level = new int[n];
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      x[i] = new double[] {log10Flops[i], Math.log10(p.parameters()), Math.log10(p.examplesSeen())};
      y[i] = p.error();
      level[i] = levelOf(levels, log10Flops[i]);
      heldOut[i] = level[i] >= heldOutFrom;
    }
    LawData data = new LawData(x, y);
    ExtrapolationChoice.Result result = choice.choose(reference -> forms(reference, chanceError), data, heldOut);
    LawData fitted = data.subset(java.util.stream.IntStream.range(0, n).filter(i -> !heldOut[i]).toArray());
    JackknifePlus intervals = JackknifePlus.calibrate(result.chosen().fit(), choice.fitter(), fitted, alpha);
    List<Prediction> predictions = new ArrayList<>();
    for (int l = heldOutFrom; l < levels.length; l++) {
      for (int i = 0; i < n; i++) {
        if (level[i] == l) {
          double[] band = intervals.interval(x[i]);
          predictions.add(new Prediction(points.get(i), l, result.chosen().fit().predict(x[i]), band[0], band[1]));
        }
      }
    }
    return new Result(levels, heldOutFrom, result, List.copyOf(predictions), alpha);
  }

  /** The one-variable forms on log10 C, and the two-variable form on (log10 N, log10 D). */
  static List<ScalingLaw> forms(double reference, double chanceError) {
    List<ScalingLaw> forms = new ArrayList<>(OneVariableLaws.all(reference, chanceError));
    forms.add(new LawOnColumns(new TwoVariableLaw(), new int[] {1, 2}));
    return forms;
  }

  /**
   * @param log10Flops each run's log10 training FLOPs
   * @param gap the distance that starts a new level
   * @return each level's smallest log10 FLOPs, ascending: runs closer than the gap to the previous
   *     run (in sorted order) share its level
   */
  static double[] levels(double[] log10Flops, double gap) {
    double[] sorted = log10Flops.clone();
    Arrays.sort(sorted);
    List<Double> starts = new ArrayList<>();
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] - sorted[i - 1] > gap) {
        starts.add(sorted[i]);
      }
    }
    return starts.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int levelOf(double[] levels, double log10Flops) {
    int level = 0;
    for (int l = 0; l < levels.length; l++) {
      if (levels[l] <= log10Flops) {
        level = l;
      }
    }
    return level;
  }
}
