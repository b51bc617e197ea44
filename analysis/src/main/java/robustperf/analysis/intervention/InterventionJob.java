package robustperf.analysis.intervention;

import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import robustperf.analysis.cost.ConfigurationColumn;
import robustperf.analysis.regression.ArrayObservations;
import robustperf.analysis.regression.Coefficient;
import robustperf.analysis.regression.Ols;
import robustperf.analysis.regression.OlsFit;
import robustperf.analysis.trend.LeaderboardTrendJob;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.ingest.schema.Component;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.tables.PipelineTables;
import robustperf.tables.Table;
import robustperf.tables.intervention.InterventionRow;

/**
 * Spark job: which interventions buy the most robust accuracy per doubling of training compute.
 * Predicted, per leaderboard: OLS of AutoAttack accuracy on log2 depth, log2 width, extra data and
 * the publication date over its WideResNet entries (HC1 intervals), each coefficient turned into
 * an intervention with its compute factor ((d - 4) k^2 for the architecture; unknown for extra
 * data; none for a year of method progress). Measured, per dataset and model of our runs: each
 * adversarial configuration against the cheapest one, final PGD-20 accuracy of the last
 * checkpoint over seeds (Welch intervals), per doubling of the measured training FLOPs.
 */
public final class InterventionJob {
  /**
   * Leaderboard entries taken: the trend filter's, CIFAR-style WideResNets (depth 6n + 4; ImageNet's
   * WRN-50-2 is a bottleneck ResNet and is left out) with a known extra-data flag.
   */
  public static final String LEADERBOARD_FILTER =
      LeaderboardTrendJob.FILTER + " AND architecture RLIKE '^WRN-[0-9]+-[0-9]+$' AND additional_data IS NOT NULL"
          + " AND (CAST(regexp_extract(architecture, '^WRN-([0-9]+)-', 1) AS INT) - 4) % 6 = 0";

  /** Our runs taken: final PGD-20 of the last checkpoint of adversarially trained runs. */
  public static final String RUNS_FILTER = "checkpoint = 'last' AND attack_suite = 'pgd-20' AND method <> 'standard'";

  /** @param minimumEntries fewest WideResNet entries for a leaderboard regression */
  public record Options(int minimumEntries) {
    /** @return 15 entries */
    public static Options defaults() {
      return new Options(15);
    }
  }

  private final Options options;

  public InterventionJob(Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param entries robustbench_entries
   * @param manifests run_manifest
   * @param epochs epoch_metrics
   * @param evaluations evaluation
   * @return one {@link InterventionRow} per intervention and group
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> entries, Dataset<Row> manifests, Dataset<Row> epochs, Dataset<Row> evaluations) {
    List<InterventionRow> rows = new ArrayList<>();
    rows.addAll(predicted(entries));
    rows.addAll(measured(manifests, epochs, evaluations));
    return PipelineTables.INTERVENTIONS.dataset(spark, rows);
  }

  private List<InterventionRow> predicted(Dataset<Row> entries) {
    Map<String, List<RobustBenchEntry>> boards = PipelineTables.ROBUSTBENCH_ENTRIES.fromRows(entries.filter(LEADERBOARD_FILTER)).stream()
        .sorted(Comparator.comparing(RobustBenchEntry::modelId))
        .collect(Collectors.groupingBy(RobustBenchEntry::leaderboard, TreeMap::new, Collectors.toList()));
    List<InterventionRow> out = new ArrayList<>();
    for (Map.Entry<String, List<RobustBenchEntry>> board : boards.entrySet()) {
      List<RobustBenchEntry> rows = board.getValue();
      int n = rows.size();
      double[] y = new double[n];
      double[][] x = new double[n][];
      int[] depths = new int[n];
      for (int i = 0; i < n; i++) {
        RobustBenchEntry r = rows.get(i);
        WideResNetShape shape = WideResNetShape.parse(r.architecture());
        depths[i] = shape.depth();
        y[i] = r.autoattackAccPct();
        x[i] = new double[] {log2(shape.depth()), log2(shape.width()), r.additionalData() ? 1 : 0,
            LeaderboardTrendJob.decimalDate(r.pubYear(), r.pubMonth())};
      }
      if (n < options.minimumEntries() || distinct(x, 0) < 2 || distinct(x, 1) < 2 || distinct(x, 2) < 2) {
        continue; // too few entries, or a predictor that does not vary: nothing to separate
      }
      OlsFit fit;
      try {
        fit = Ols.fit(ArrayObservations.of(y, x), List.of("log2_depth", "log2_width", "extra_data", "pub_date"));
      } catch (IllegalArgumentException collinear) {
        continue;
      }
      int[] sorted = depths.clone();
      Arrays.sort(sorted);
      int medianDepth = sorted[n / 2];
      // One change, described by label, gain and compute alike: twice the residual blocks of the
      // median depth (d to 2d - 4, a valid 6n + 4 depth); the depth coefficient is per doubling of
      // d, so the gain is scaled to log2((2d - 4) / d) of a doubling.
      WideResNetShape median = new WideResNetShape(medianDepth, 10);
      WideResNetShape deeper = new WideResNetShape(2 * medianDepth - 4, 10);
      double depthSteps = log2((double) deeper.depth() / median.depth());
      String model = "autoattack_acc_pct ~ log2_depth + log2_width + extra_data + pub_date (OLS, HC1 intervals)";
      String basis = "predicted: regression over " + n + " WideResNet entries";
      List<InterventionRow> board1 = new ArrayList<>();
      board1.add(row(basis, board.getKey(), "double the WRN width", fit.coefficient("log2_width"), 1, 4.0,
          "(d - 4) k^2 rule: doubling k quadruples the forward FLOPs", fit, model));
      board1.add(row(basis, board.getKey(), "double the WRN's residual blocks (depth " + medianDepth + " to " + deeper.depth()
              + ", the entries' median)",
          fit.coefficient("log2_depth"), depthSteps, deeper.costRelativeTo(median),
          String.format(java.util.Locale.ROOT, "(d - 4) k^2 rule; gain = log2_depth coefficient x log2(%d/%d) = %.3f of a depth doubling",
              deeper.depth(), medianDepth, depthSteps), fit, model));
      board1.add(row(basis, board.getKey(), "add extra training data", fit.coefficient("extra_data"), 1, null,
          "unknown: needs each entry's data size and epochs (issue [Compute data])", fit, model));
      board1.add(row(basis, board.getKey(), "one year of method progress (same architecture and data)", fit.coefficient("pub_date"), 1, 1.0,
          "no extra compute assumed: the date stands for methods and recipes", fit, model));
      out.addAll(rank(board1));
    }
    return out;
  }

  /** @param units how many units of the coefficient's predictor the intervention moves (positive) */
  private static InterventionRow row(String basis, String group, String intervention, Coefficient c, double units, Double factor,
      String factorBasis, OlsFit fit, String model) {
    double gain = units * c.estimate();
    Double perDoubling = factor == null || factor == 1.0 ? null : gain / log2(factor);
    return new InterventionRow(basis, group, intervention, gain, units * c.ciLowHc1(), units * c.ciHighHc1(), factor, factorBasis,
        perDoubling, null, fit.n(), fit.r2(), model, LEADERBOARD_FILTER);
  }

  private List<InterventionRow> measured(Dataset<Row> manifests, Dataset<Row> epochs, Dataset<Row> evaluations) {
    Table<EvaluationResult> e = PipelineTables.EVALUATION;
    Table<RunManifest> m = PipelineTables.RUN_MANIFEST;
    Table<EpochMetrics> epoch = PipelineTables.EPOCH_METRICS;
    String flops = column(MeasuredRun::flops);
    String threat = "threat";
    // RUNS_FILTER is SQL over the evaluation and manifest columns, and the table records it as written.
    List<MeasuredRun> runs = evaluations
        .select(e.col(EvaluationResult::runId), e.col(EvaluationResult::checkpoint), e.col(EvaluationResult::attackSuite),
            e.col(EvaluationResult::robustAccuracyPct))
        .join(manifests.select(m.col(RunManifest::runId), m.col(RunManifest::method), m.col(RunManifest::dataset),
            m.col(RunManifest::architecture),
            concat_ws(" ", Table.field(m.col(RunManifest::threatModel), ThreatModel::norm),
                Table.field(m.col(RunManifest::threatModel), ThreatModel::epsText)).as(threat),
            ConfigurationColumn.of(m.col(RunManifest::runId)).as(column(MeasuredRun::configuration))), e.column(EvaluationResult::runId))
        .join(epochs.groupBy(epoch.col(EpochMetrics::runId)).agg(sum(epoch.col(EpochMetrics::trainingFlops)).as(flops)),
            e.column(EvaluationResult::runId))
        .filter(RUNS_FILTER + " AND " + flops + " IS NOT NULL")
        .select(concat_ws(" / ", m.col(RunManifest::dataset), m.col(RunManifest::architecture), functions.col(threat),
                e.col(EvaluationResult::attackSuite)).as(column(MeasuredRun::groupValue)),
            functions.col(column(MeasuredRun::configuration)), e.col(EvaluationResult::robustAccuracyPct), functions.col(flops),
            e.col(EvaluationResult::runId))
        .collectAsList().stream()
        .map(r -> RecordRows.fromRow(MeasuredRun.class, r))
        .sorted(Comparator.comparing(MeasuredRun::runId))
        .toList();
    Map<String, Map<String, List<MeasuredRun>>> groups = new TreeMap<>();
    for (MeasuredRun r : runs) {
      groups.computeIfAbsent(r.groupValue(), k -> new TreeMap<>()).computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
    }
    List<InterventionRow> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<MeasuredRun>>> g : groups.entrySet()) {
      Map<String, List<MeasuredRun>> configurations = g.getValue();
      if (configurations.size() < 2) {
        continue;
      }
      String baseline = configurations.keySet().stream()
          .min(Comparator.comparingDouble(c -> mean(configurations.get(c), MeasuredRun::flops))).orElseThrow();
      List<MeasuredRun> base = configurations.get(baseline);
      List<InterventionRow> group = new ArrayList<>();
      for (Map.Entry<String, List<MeasuredRun>> c : configurations.entrySet()) {
        if (c.getKey().equals(baseline)) {
          continue;
        }
        List<MeasuredRun> other = c.getValue();
        double gain = mean(other, MeasuredRun::robustAccuracyPct) - mean(base, MeasuredRun::robustAccuracyPct);
        double[] ci = welch(other, base, gain);
        double factor = mean(other, MeasuredRun::flops) / mean(base, MeasuredRun::flops);
        group.add(new InterventionRow(
            "measured: our runs, " + other.size() + " vs " + base.size() + " seeds", g.getKey(), c.getKey() + " instead of " + baseline,
            gain, ci == null ? null : ci[0], ci == null ? null : ci[1], factor, "measured training FLOPs (attack passes included), mean over seeds",
            factor == 1.0 ? null : gain / log2(factor), null, other.size() + base.size(), null,
            "mean final PGD-20 accuracy of the last checkpoint, difference of the configurations (Welch t interval)", RUNS_FILTER));
      }
      out.addAll(rank(group));
    }
    return out;
  }

  private static List<InterventionRow> rank(List<InterventionRow> rows) {
    List<InterventionRow> rankable = rows.stream().filter(r -> r.gainPerComputeDoublingPct() != null)
        .sorted(Comparator.comparingDouble(InterventionRow::gainPerComputeDoublingPct).reversed()).toList();
    List<InterventionRow> out = new ArrayList<>();
    for (int i = 0; i < rankable.size(); i++) {
      out.add(rankable.get(i).ranked(i + 1));
    }
    rows.stream().filter(r -> r.gainPerComputeDoublingPct() == null).forEach(out::add);
    return out;
  }

  /** The Welch t interval of a difference of means; null with fewer than 2 runs a side. */
  private static double[] welch(List<MeasuredRun> a, List<MeasuredRun> b, double difference) {
    if (a.size() < 2 || b.size() < 2) {
      return null;
    }
    double va = variance(a) / a.size();
    double vb = variance(b) / b.size();
    double se = Math.sqrt(va + vb);
    if (se == 0) {
      return new double[] {difference, difference};
    }
    double df = (va + vb) * (va + vb) / (va * va / (a.size() - 1) + vb * vb / (b.size() - 1));
    double t = new TDistribution(df).inverseCumulativeProbability(0.975);
    return new double[] {difference - t * se, difference + t * se};
  }

  private static double variance(List<MeasuredRun> rows) {
    double m = mean(rows, MeasuredRun::robustAccuracyPct);
    return rows.stream().mapToDouble(r -> Math.pow(r.robustAccuracyPct() - m, 2)).sum() / (rows.size() - 1);
  }

  private static double mean(List<MeasuredRun> rows, java.util.function.ToDoubleFunction<MeasuredRun> value) {
    return rows.stream().mapToDouble(value).average().orElseThrow();
  }

  private static String column(Component<MeasuredRun, ?> component) {
    return component.column();
  }

  /** One of our runs' final evaluation, with its group, configuration and total training FLOPs. */
  private record MeasuredRun(String groupValue, String configuration, double robustAccuracyPct, double flops, String runId) {}

  private static long distinct(double[][] x, int j) {
    return Arrays.stream(x).mapToDouble(r -> r[j]).distinct().count();
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
