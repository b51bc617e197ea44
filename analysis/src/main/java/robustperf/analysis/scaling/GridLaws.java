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
 * @param heldOutLevels how many of the largest compute levels (the grid's budgets) are held out
 * @param alpha jackknife+ miscoverage per side (nominal coverage at least 1 - 2 alpha; with fewer
 *     than 1/alpha - 1 fitted runs, 1/(n + 1), the smallest it can give)
 * @param choice the extrapolation choice (its fitter fits every form)
 */
public record GridLaws(int heldOutLevels, double alpha, ExtrapolationChoice choice) {

  /** @return the top 3 budgets held out, nominal 90% intervals, the default choice */
  public static GridLaws defaults() {
    return new GridLaws(3, 0.05, ExtrapolationChoice.defaults());
  }

  /**
   * One run of the grid.
   *
   * @param parameters N, trainable parameters
   * @param examplesSeen D, training examples times epochs
   * @param budget the training-FLOP budget the cell was laid out for: its compute level
   * @param trainingFlops C, training FLOPs measured (attack passes included)
   * @param error the response: 1 - accuracy of the run's final test-set evaluation
   */
  public record Point(double parameters, double examplesSeen, double budget, double trainingFlops, double error) {}

  /**
   * A held-out run, predicted by the law fitted below it.
   *
   * @param index the run's position in the input
   * @param point the run
   * @param level its compute level (0 = smallest)
   * @param predictedError the chosen law's prediction
   * @param low lower end of the jackknife+ interval
   * @param high upper end
   */
  public record Prediction(int index, Point point, int level, double predictedError, double low, double high) {
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
   * @param levels the compute levels: the grid's budgets, ascending
   * @param heldOutFrom the first held-out level
   * @param choice every form's scores and the choice
   * @param predictions the held-out runs, by level then input order
   * @param alpha the interval's miscoverage per side, as used
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
    double[] levels = points.stream().mapToDouble(Point::budget).distinct().sorted().toArray();
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
      level[i] = Arrays.binarySearch(levels, p.budget());
      heldOut[i] = level[i] >= heldOutFrom;
    }
    LawData data = new LawData(x, y);
    ExtrapolationChoice.Result result = choice.choose(reference -> forms(reference, chanceError), data, heldOut);
    LawData fitted = data.subset(java.util.stream.IntStream.range(0, n).filter(i -> !heldOut[i]).toArray());
    // Jackknife+ reaches 1 - 2 alpha only from 1/alpha - 1 fitted runs; with fewer, the widest
    // interval it has, whose nominal coverage (1 - 2/(n + 1)) the result reports.
    double alphaUsed = Math.max(alpha, 1.0 / (fitted.size() + 1));
    JackknifePlus intervals = JackknifePlus.calibrate(result.chosen().fit(), choice.fitter(), fitted, alphaUsed);
    List<Prediction> predictions = new ArrayList<>();
    for (int l = heldOutFrom; l < levels.length; l++) {
      for (int i = 0; i < n; i++) {
        if (level[i] == l) {
          double[] band = intervals.interval(x[i]);
          predictions.add(new Prediction(i, points.get(i), l, result.chosen().fit().predict(x[i]), band[0], band[1]));
        }
      }
    }
    return new Result(levels, heldOutFrom, result, List.copyOf(predictions), alphaUsed);
  }

  /** The one-variable forms on log10 C, and the two-variable form on (log10 N, log10 D). */
  static List<ScalingLaw> forms(double reference, double chanceError) {
    List<ScalingLaw> forms = new ArrayList<>(OneVariableLaws.all(reference, chanceError));
    forms.add(new LawOnColumns(new TwoVariableLaw(), new int[] {1, 2}));
    return forms;
  }

}
