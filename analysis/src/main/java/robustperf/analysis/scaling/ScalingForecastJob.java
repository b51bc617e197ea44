package robustperf.analysis.scaling;

import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import robustperf.analysis.cost.TimeToTargetJob.Target;
import robustperf.analysis.regression.ArrayObservations;
import robustperf.analysis.regression.FitRows;
import robustperf.ingest.schema.Component;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.EpochMetrics;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.tables.PipelineTables;
import robustperf.tables.Table;
import robustperf.tables.compute.LeaderboardComputeRow;
import robustperf.tables.regression.FitRow;
import robustperf.tables.scaling.ComputeForecastRow;
import robustperf.tables.scaling.LawChoiceRow;
import robustperf.tables.scaling.ScalingCurveRow;
import robustperf.tables.scaling.ScalingPointRow;

/**
 * Spark job: scaling laws of our measured runs and the training FLOPs target accuracies need, and
 * Thompson et al.'s OLS and tau = 0.1 fits of log10(1/error) on log10 training FLOPs.
 * Each checkpoint of each adversarially trained run is a point: the training FLOPs spent up to
 * that epoch (attack passes included) and the monitored robust (or clean) error there. Per
 * dataset, threat model and monitor, the law forms are compared by extrapolation loss, the chosen
 * one is refitted on all points, inverted at each target, bootstrapped, and given a split-conformal
 * band. Groups are small, so each is fitted on the driver.
 */
public final class ScalingForecastJob {
  /** Points taken: adversarially trained runs' epochs with FLOPs and the monitored accuracy. */
  public static final String FILTER =
      "method <> 'standard' AND training_flops IS NOT NULL AND cumulative_flops > 0 AND <accuracy> IS NOT NULL AND <accuracy> < 100";

  /**
   * @param targets accuracies to forecast
   * @param classes classes per dataset, for the chance error of M4
   * @param bootstrapReplicates pairs-bootstrap replicates
   * @param conformalAlpha miscoverage of the split-conformal band
   * @param seed resampling and split seed
   * @param choice the extrapolation-loss procedure
   */
  public record Options(
      List<Target> targets, Map<String, Integer> classes, int bootstrapReplicates, double conformalAlpha, long seed,
      ExtrapolationChoice choice) {
    public Options {
      targets = List.copyOf(targets);
      classes = Map.copyOf(classes);
      if (targets.stream().anyMatch(t -> t.pct() >= 100)) {
        throw new IllegalArgumentException("a forecast target must be below 100%: an error of 0 has no log");
      }
    }

    /** @return robust 70, 75, 80% and clean 85, 90%; 500 replicates; 90% conformal bands */
    public static Options defaults() {
      return new Options(
          List.of(new Target("robust", 70), new Target("robust", 75), new Target("robust", 80),
              new Target("clean", 85), new Target("clean", 90)),
          Map.of("fashion-mnist", 10, "mnist", 10, "cifar10", 10, "cifar100", 100, "imagenet", 1000),
          500, 0.1, 20261130L, ExtrapolationChoice.defaults());
    }
  }

  /**
   * @param choices one row per group, response and form ({@link LawChoiceRow})
   * @param forecasts one row per group and target ({@link ComputeForecastRow})
   * @param points the fitted points ({@link ScalingPointRow})
   * @param curves the chosen law and its band on a grid ({@link ScalingCurveRow})
   * @param fits Thompson et al.'s fits on the same points: OLS and tau = 0.1 of log10(1/error) on
   *     log10 training FLOPs ({@link FitRow})
   */
  public record Output(Dataset<Row> choices, Dataset<Row> forecasts, Dataset<Row> points, Dataset<Row> curves, Dataset<Row> fits) {}

  private final Options options;

  public ScalingForecastJob(Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @return the two tables
   */
  public Output run(SparkSession spark, Dataset<Row> manifests, Dataset<Row> epochs) {
    Table<EpochMetrics> e = PipelineTables.EPOCH_METRICS;
    Table<RunManifest> m = PipelineTables.RUN_MANIFEST;
    // FILTER reads these two by name: the FLOPs so far, and the run's method.
    Dataset<Row> points =
        epochs
            .withColumn(column(MonitoredPoint::cumulativeFlops), sum(e.col(EpochMetrics::trainingFlops))
                .over(Window.partitionBy(e.col(EpochMetrics::runId)).orderBy(e.col(EpochMetrics::epoch))))
            .join(manifests.select(m.col(RunManifest::runId), m.col(RunManifest::dataset), m.col(RunManifest::method),
                concat_ws("/", m.col(RunManifest::dataset), Table.field(m.col(RunManifest::threatModel), ThreatModel::norm),
                    Table.field(m.col(RunManifest::threatModel), ThreatModel::epsText)).as(column(MonitoredPoint::threat))),
                e.column(EpochMetrics::runId));
    List<Row> choices = new ArrayList<>();
    List<Row> forecasts = new ArrayList<>();
    List<Row> fitted = new ArrayList<>();
    List<Row> curves = new ArrayList<>();
    List<Row> regressions = new ArrayList<>();
    for (String metric : List.of("robust", "clean")) {
      List<Target> targets = options.targets().stream().filter(t -> t.metric().equals(metric)).toList();
      if (targets.isEmpty()) {
        continue;
      }
      String accuracy = (metric.equals("robust") ? e.column(EpochMetrics::robustAccuracyPct) : e.column(EpochMetrics::cleanAccuracyPct));
      String filter = FILTER.replace("<accuracy>", accuracy);
      Map<PointGroup, List<MonitoredPoint>> groups = new TreeMap<>();
      for (Row row : points.filter(filter)
          .select(m.col(RunManifest::dataset), functions.col(column(MonitoredPoint::threat)), e.col(EpochMetrics::robustAttack),
              functions.col(column(MonitoredPoint::cumulativeFlops)), functions.col(accuracy).as(column(MonitoredPoint::accuracy)),
              e.col(EpochMetrics::runId), e.col(EpochMetrics::epoch))
          .collectAsList()) {
        MonitoredPoint r = RecordRows.fromRow(MonitoredPoint.class, row);
        String monitor = metric.equals("robust") ? r.robustAttack() : "clean";
        groups.computeIfAbsent(new PointGroup(r.threat() + "/" + monitor, r.dataset()), k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<PointGroup, List<MonitoredPoint>> g : groups.entrySet()) {
        // Run and epoch order, never Spark's: the bootstrap and the conformal split draw by position.
        g.getValue().sort(java.util.Comparator.comparing(MonitoredPoint::runId).thenComparingInt(MonitoredPoint::epoch));
        String group = g.getKey().name();
        String dataset = g.getKey().dataset();
        Integer classes = options.classes().get(dataset);
        if (classes == null) {
          throw new IllegalArgumentException("dataset " + dataset + " has no class count in the forecast options; known: " + options.classes().keySet());
        }
        double[] x = g.getValue().stream().mapToDouble(r -> Math.log10(r.cumulativeFlops())).toArray();
        double[] y = g.getValue().stream().mapToDouble(r -> 1 - r.accuracy() / 100).toArray();
        fitGroup(group, dataset, metric + "_error", 1 - 1.0 / classes, LawData.ofCompute(x, y), targets, filter,
            "measured checkpoints", new Tables(choices, forecasts, fitted, curves));
        regressions.addAll(thompsonFits(group, metric + "_error", x, y, filter));
      }
    }
    return new Output(
        spark.createDataFrame(choices, RecordRows.schema(LawChoiceRow.class)),
        spark.createDataFrame(forecasts, RecordRows.schema(ComputeForecastRow.class)),
        spark.createDataFrame(fitted, RecordRows.schema(ScalingPointRow.class)),
        spark.createDataFrame(curves, RecordRows.schema(ScalingCurveRow.class)),
        spark.createDataFrame(regressions, RecordRows.schema(FitRow.class)));
  }

  /**
   * The same laws over a leaderboard: each entry a point, its training FLOPs by the project's
   * convention (leaderboard_training_compute) and its AutoAttack (or clean) error. Fitted twice per
   * leaderboard, on every entry with FLOPs and on those resting on high and medium figures only, so
   * that every forecast stands beside the one without the low rows. The response is the AutoAttack
   * error (the robust targets); groups are named "leaderboard AutoAttack, all entries" and
   * "leaderboard AutoAttack, high-medium figures".
   *
   * @param spark the session
   * @param compute leaderboard_training_compute
   * @return the tables, runs' schemas (the Thompson fits are left to the leaderboard compute fits)
   */
  public Output runOnLeaderboards(SparkSession spark, Dataset<Row> compute) {
    List<Row> choices = new ArrayList<>();
    List<Row> forecasts = new ArrayList<>();
    List<Row> fitted = new ArrayList<>();
    List<Row> curves = new ArrayList<>();
    for (Map.Entry<String, String> set : robustperf.analysis.compute.LeaderboardComputeJob.ENTRY_SETS.entrySet()) {
      Map<String, List<LeaderboardComputeRow>> boards = new TreeMap<>();
      PipelineTables.LEADERBOARD_COMPUTE.fromRows(compute.filter(set.getKey())).stream()
          .sorted(java.util.Comparator.comparing(LeaderboardComputeRow::leaderboard).thenComparing(LeaderboardComputeRow::modelId))
          .forEach(r -> boards.computeIfAbsent(r.leaderboard(), k -> new ArrayList<>()).add(r));
      for (Map.Entry<String, List<LeaderboardComputeRow>> board : boards.entrySet()) {
        String dataset = board.getKey().substring(0, board.getKey().indexOf('/'));
        Integer classes = options.classes().get(dataset);
        if (classes == null) {
          throw new IllegalArgumentException("dataset " + dataset + " has no class count in the forecast options; known: " + options.classes().keySet());
        }
        double[] x = board.getValue().stream().mapToDouble(r -> Math.log10(r.trainingFlopsCentral())).toArray();
        double[] y = board.getValue().stream().mapToDouble(r -> 1 - r.autoattackAccPct() / 100).toArray();
        List<Target> targets = options.targets().stream().filter(t -> t.metric().equals("robust")).toList();
        fitGroup(board.getKey() + " AutoAttack, " + set.getValue(), dataset, "robust_error", 1 - 1.0 / classes, LawData.ofCompute(x, y),
            targets, set.getKey(), "leaderboard entries (training FLOPs by the recipes' convention)",
            new Tables(choices, forecasts, fitted, curves));
      }
    }
    return new Output(
        spark.createDataFrame(choices, RecordRows.schema(LawChoiceRow.class)),
        spark.createDataFrame(forecasts, RecordRows.schema(ComputeForecastRow.class)),
        spark.createDataFrame(fitted, RecordRows.schema(ScalingPointRow.class)),
        spark.createDataFrame(curves, RecordRows.schema(ScalingCurveRow.class)),
        spark.createDataFrame(List.of(), RecordRows.schema(FitRow.class)));
  }

  /** OLS and tau = 0.1 (the 10% most compute-efficient) of log10(1/error) on log10 FLOPs, where there are enough points. */
  private List<Row> thompsonFits(String group, String response, double[] log10Flops, double[] error, String filter) {
    List<Row> rows = new ArrayList<>();
    if (log10Flops.length < 4 || java.util.Arrays.stream(log10Flops).distinct().count() < 2) {
      return rows;
    }
    double[] y = java.util.Arrays.stream(error).map(e -> -Math.log10(e)).toArray();
    double[][] x = java.util.Arrays.stream(log10Flops).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
    FitRows.olsAndQuantile(group, "log10(1/" + response + ") ~ log10(training_flops)", filter, ArrayObservations.of(y, x),
            List.of("log10_training_flops"), 0.1, options.bootstrapReplicates(), options.seed())
        .forEach(r -> rows.add(RecordRows.toRow(r)));
    return rows;
  }

  /**
   * One monitored checkpoint of a run: the FLOPs trained so far and the monitored accuracy.
   *
   * @param threat dataset/norm/eps
   */
  private record MonitoredPoint(
      String dataset, String threat, String robustAttack, double cumulativeFlops, double accuracy, String runId, int epoch) {}

  private static String column(Component<MonitoredPoint, ?> component) {
    return component.column();
  }

  /**
   * The points one law is fitted to: named by dataset, threat model and monitor, and the dataset
   * whose class count sets the chance error.
   */
  private record PointGroup(String name, String dataset) implements Comparable<PointGroup> {
    @Override
    public int compareTo(PointGroup other) {
      return java.util.Comparator.comparing(PointGroup::name).thenComparing(PointGroup::dataset).compare(this, other);
    }
  }

  /** The rows each group adds to. */
  private record Tables(List<Row> choices, List<Row> forecasts, List<Row> points, List<Row> curves) {}

  private void fitGroup(
      String group, String dataset, String response, double chanceError, LawData data, List<Target> targets, String filter,
      String pointsWhat, Tables out) {
    String provenance = String.format(java.util.Locale.ROOT,
        "forecast: law chosen by extrapolation loss, fitted on %d %s; extrapolated, not measured", data.size(), pointsWhat);
    double[] x = data.column(0);
    double observedMin = java.util.Arrays.stream(x).min().orElseThrow();
    double observedMax = java.util.Arrays.stream(x).max().orElseThrow();
    ExtrapolationChoice.Result result;
    try {
      result = options.choice().choose(r -> OneVariableLaws.all(r, chanceError), data);
    } catch (IllegalArgumentException tooFew) {
      // A group too small to choose a law gets its points and a reason per target, never a guess.
      for (int i = 0; i < data.size(); i++) {
        out.points().add(RecordRows.toRow(new ScalingPointRow(group, response, data.x()[i][0], data.y()[i], false)));
      }
      for (Target target : targets) {
        out.forecasts().add(RecordRows.toRow(new ComputeForecastRow(
            group, dataset, response, target.pct(), null, null, null, data.size(), Math.pow(10, observedMax), null, null, null, 0, 0,
            1 - options.conformalAlpha(), null, null, null, "no law chosen: " + tooFew.getMessage(), provenance, filter,
            options.seed())));
      }
      return;
    }
    for (ExtrapolationChoice.Score s : result.scores()) {
      out.choices().add(RecordRows.toRow(choiceRow(group, response, result, s, filter)));
    }
    for (int i = 0; i < data.size(); i++) {
      double log10Flops = data.x()[i][0];
      out.points().add(RecordRows.toRow(new ScalingPointRow(group, response, log10Flops, data.y()[i], log10Flops > result.splitLog10Compute())));
    }
    String form = result.chosen().law().name();
    ScalingLaw law = OneVariableLaws.all(data.medianFeature(), chanceError).stream()
        .filter(l -> l.name().equals(form)).findFirst().orElseThrow();
    HuberLawFitter fitter = options.choice().fitter();
    LawFit fit = fitter.fit(law, data);
    double from = observedMin - 3;
    double to = 30;
    double[] errors = targets.stream().mapToDouble(t -> 1 - t.pct() / 100).toArray();
    List<LawFit.Crossing> points = new ArrayList<>();
    for (double error : errors) {
      points.add(fit.computeFor(error, from, to));
    }
    List<LawBootstrap.Interval> intervals =
        new LawBootstrap(options.bootstrapReplicates(), options.seed(), fitter).computeFor(fit, data, errors, from, to);
    SplitConformal band;
    String bandMissing = null;
    try {
      band = SplitConformal.calibrate(law, fitter, data, 0.5, options.conformalAlpha(), options.seed());
    } catch (IllegalArgumentException tooFew) {
      band = null;
      bandMissing = "no conformal band: " + tooFew.getMessage();
    }
    double curveEnd = observedMax + 0.3;
    for (LawFit.Crossing c : points) {
      if (c.log10Compute() != null) {
        curveEnd = Math.max(curveEnd, Math.min(c.log10Compute() + 0.3, observedMax + 3));
      }
    }
    for (int k = 0; k <= 200; k++) {
      double u = observedMin - 0.3 + (curveEnd - observedMin + 0.3) * k / 200;
      double[] edge = band == null ? null : band.interval(new double[] {u});
      out.curves().add(RecordRows.toRow(new ScalingCurveRow(
          group, response, form, u, fit.predictAt(u), edge == null ? null : edge[0], edge == null ? null : edge[1],
          u >= observedMin && u <= observedMax)));
    }
    for (int t = 0; t < targets.size(); t++) {
      LawFit.Crossing point = points.get(t);
      LawFit.Crossing optimistic = band == null ? null : band.fit().computeFor(errors[t] * Math.exp(band.logHalfWidth()), from, to);
      LawFit.Crossing pessimistic = band == null ? null : band.fit().computeFor(errors[t] * Math.exp(-band.logHalfWidth()), from, to);
      LawBootstrap.Interval ci = intervals.get(t);
      Double flops = pow10(point.log10Compute());
      out.forecasts().add(RecordRows.toRow(new ComputeForecastRow(
          group, dataset, response, targets.get(t).pct(), form, law.formula(), fit.parameterText(), data.size(),
          Math.pow(10, observedMax), flops, pow10(ci.low()), pow10(ci.high()), ci.reached(), ci.replicates(),
          1 - options.conformalAlpha(), optimistic == null ? null : pow10(optimistic.log10Compute()),
          pessimistic == null ? null : pow10(pessimistic.log10Compute()),
          flops == null ? null : flops / Math.pow(10, observedMax), join(point.reason(), bandMissing), provenance, filter,
          options.seed())));
    }
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + "; " + b;
  }

  private static Double pow10(Double log10) {
    return log10 == null ? null : Math.pow(10, log10);
  }

  private static LawChoiceRow choiceRow(String group, String response, ExtrapolationChoice.Result result, ExtrapolationChoice.Score s, String filter) {
    LawFit fit = s.fit();
    return new LawChoiceRow(
        group, response, s.law().name(), s.law().formula(), fit == null ? null : fit.parameterText(), result.nFit(), result.nHeldOut(),
        result.splitLog10Compute(), finite(s.inSampleRmse()), finite(s.extrapolationRmse()), s.rank(), s.tiedWithBest(), s.chosen(),
        fit == null ? null : fit.converged(), fit == null ? null : fit.startsTried(), fit == null ? null : fit.startsConverged(),
        s.note() != null ? s.note() : Double.isFinite(s.extrapolationRmse()) ? null : "the law is undefined at a held-out point", filter);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
