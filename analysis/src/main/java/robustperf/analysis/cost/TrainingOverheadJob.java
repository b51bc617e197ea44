package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.schema.Component;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.EnergyTotal;
import robustperf.records.EpochMetrics;
import robustperf.records.RepeatSummary;
import robustperf.records.RunManifest;
import robustperf.tables.PipelineTables;
import robustperf.tables.Table;
import robustperf.tables.cost.TrainingOverheadRow;

/**
 * Spark job: the overhead of each training configuration over standard training on the same
 * dataset, model, batch size, precision and machine: time, FLOPs and energy per epoch, each a
 * ratio of MLPerf-style repeat means (seeds and repeats of one configuration; fastest and slowest
 * dropped from three up) with n, min and max. CO2 per epoch is energy x PUE x grid intensity, so
 * on one machine its ratio is the energy ratio. Energy per epoch is {@link EnergyTotal}'s total;
 * where an epoch has none, the configuration's energy is null with the reason.
 */
public final class TrainingOverheadJob {
  // Per-run averages are small (one row per run), so configurations are summarized on the driver
  // with the one MLPerf rule of the project (RepeatSummary).

  /**
   * @param spark the session
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @return one row per configuration
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> manifests, Dataset<Row> epochs) {
    Table<EpochMetrics> e = PipelineTables.EPOCH_METRICS;
    Column total = col(ENERGY_TOTAL);
    Column kwh = Table.field(total, EnergyTotal::kwh);
    Dataset<Row> perRun =
        epochs.select(
                e.col(EpochMetrics::runId), e.col(EpochMetrics::wallSeconds), e.col(EpochMetrics::trainingFlops),
                e.col(EpochMetrics::attackFlops), EnergyTotalColumn.of(e.col(EpochMetrics::energy)).as(ENERGY_TOTAL))
            .groupBy(e.col(EpochMetrics::runId))
            .agg(
                avg(e.col(EpochMetrics::wallSeconds)).as(column(RunEpochs::seconds)),
                avg(e.col(EpochMetrics::trainingFlops)).as(column(RunEpochs::flops)),
                sum(e.col(EpochMetrics::attackFlops)).as(column(RunEpochs::attack)),
                sum(e.col(EpochMetrics::trainingFlops)).as(column(RunEpochs::total)),
                avg(kwh).as(column(RunEpochs::kwh)),
                sum(when(kwh.isNull(), 1).otherwise(0)).as(column(RunEpochs::energyNulls)),
                first(Table.field(total, EnergyTotal::missingReason), true).as(column(RunEpochs::energyMissing)),
                // "estimated" sorts before "measured": one estimated epoch makes the run estimated.
                min(Table.field(total, EnergyTotal::provenance)).as(column(RunEpochs::energyProvenance)));
    Map<String, RunManifest> manifestOf = new HashMap<>();
    PipelineTables.RUN_MANIFEST.fromRows(manifests).forEach(m -> manifestOf.put(m.runId(), m));
    Map<ConfigurationKey, List<Run>> byConfiguration = new LinkedHashMap<>();
    List<RunEpochs> runs = perRun.collectAsList().stream().map(r -> RecordRows.fromRow(RunEpochs.class, r))
        .sorted(Comparator.comparing(RunEpochs::runId)).toList();
    for (RunEpochs r : runs) {
      RunManifest m = manifestOf.get(r.runId());
      if (m == null) {
        continue; // epochs of a run without a manifest: nothing to compare them on
      }
      Run run = Run.of(r, m);
      ConfigurationKey key = new ConfigurationKey(
          m.dataset(), m.architecture(), m.method(), run.settings(), m.batchSize(), m.precision().name(), run.hardware());
      byConfiguration.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
    }
    List<TrainingOverheadRow> out = new ArrayList<>();
    List<Summary> summaries = byConfiguration.values().stream().map(Summary::of).toList();
    for (Summary s : summaries) {
      List<Summary> baselines =
          summaries.stream().filter(b -> b.standard && b.baselineKey.equals(s.baselineKey)).toList();
      if (baselines.isEmpty()) {
        out.add(s.row(null, "no standard-training configuration on the same dataset, model, batch size, precision, machine and training set"));
      }
      for (Summary b : baselines) {
        out.add(s.row(b, null));
      }
    }
    return PipelineTables.TRAINING_OVERHEAD.dataset(spark, out);
  }

  private static final String ENERGY_TOTAL = "energy_total";

  private static String column(Component<RunEpochs, ?> component) {
    return component.column();
  }

  /** A run's epochs, summarized in Spark: means per epoch, sums, and whether every epoch has its energy. */
  private record RunEpochs(
      String runId, Double seconds, Double flops, Double attack, Double total, Double kwh, Long energyNulls, String energyMissing,
      String energyProvenance) {}

  /**
   * A run with what its configuration is compared on.
   *
   * @param settings its hyperparameters but the repeat (seeds and repeats of one configuration group together)
   * @param trainExamples the training-set size, "?" where unrecorded
   */
  private record Run(
      RunEpochs epochs, String label, String dataset, String architecture, String method, Integer batchSize, String precision,
      String hardware, String trainExamples, Map<String, String> settings) {
    static Run of(RunEpochs epochs, RunManifest m) {
      Map<String, String> hyperparameters = m.hyperparameters() == null ? Map.of() : m.hyperparameters();
      Map<String, String> settings = new TreeMap<>(hyperparameters);
      settings.remove("repeat");
      return new Run(epochs, ConfigurationColumn.of(m.runId()), m.dataset(), m.architecture(), m.method(), m.batchSize(),
          m.precision().name(), ConfigurationColumn.machine(m.hardware()), hyperparameters.getOrDefault("train_examples", "?"), settings);
    }
  }

  /** The runs of one configuration: the same method and settings on the same model, data and machine. */
  private record ConfigurationKey(
      String dataset, String architecture, String method, Map<String, String> settings, Integer batchSize, String precision,
      String hardware) {}

  /** What a configuration is compared on: standard training of the same model, batch, precision, machine and training set. */
  private record BaselineKey(
      String dataset, String architecture, Integer batchSize, String precision, String hardware, String trainExamples) {}

  /** One configuration's runs, summarized. */
  private record Summary(
      String label, boolean standard, BaselineKey baselineKey, String dataset, String architecture, String method,
      String hardware, RepeatSummary seconds, double flops, double attackShare, RepeatSummary kwh, String energyMissing,
      String energyProvenance) {

    static Summary of(List<Run> runs) {
      Run r = runs.get(0);
      List<Double> seconds = runs.stream().map(x -> x.epochs().seconds()).toList();
      boolean energyComplete = runs.stream().allMatch(x -> x.epochs().energyNulls() == 0L);
      String missing = energyComplete ? null : runs.stream()
          .map(x -> x.epochs().energyMissing()).filter(m -> m != null && !m.isEmpty()).findFirst().orElse("");
      double total = runs.stream().mapToDouble(x -> x.epochs().total()).sum();
      double attack = runs.stream().mapToDouble(x -> x.epochs().attack()).sum();
      return new Summary(
          r.label(),
          "standard".equals(r.method()),
          new BaselineKey(r.dataset(), r.architecture(), r.batchSize(), r.precision(), r.hardware(), r.trainExamples()),
          r.dataset(), r.architecture(), r.method(), r.hardware(),
          RepeatSummary.of(seconds),
          runs.stream().mapToDouble(x -> x.epochs().flops()).average().orElseThrow(),
          total > 0 ? attack / total : 0.0,
          energyComplete ? RepeatSummary.of(runs.stream().map(x -> x.epochs().kwh()).toList()) : null,
          missing,
          r.epochs().energyProvenance());
    }

    TrainingOverheadRow row(Summary baseline, String noBaseline) {
      String reason = noBaseline;
      Double energyRatio = null;
      if (kwh == null) {
        reason = join(reason, "energy incomplete: " + energyMissing);
      } else if (baseline != null && baseline.kwh == null) {
        reason = join(reason, "baseline energy incomplete: " + baseline.energyMissing);
      } else if (baseline != null) {
        energyRatio = kwh.mean() / baseline.kwh.mean();
      }
      return new TrainingOverheadRow(
          dataset, architecture, method, label, baseline == null ? null : baseline.label, hardware,
          seconds.n(), seconds.mean(), seconds.min(), seconds.max(), seconds.rule(),
          baseline == null ? null : seconds.mean() / baseline.seconds.mean(),
          baseline == null ? null : seconds.min() / baseline.seconds.max(),
          baseline == null ? null : seconds.max() / baseline.seconds.min(),
          flops, attackShare,
          baseline == null ? null : flops / baseline.flops,
          kwh == null ? null : kwh.mean(), kwh == null ? null : energyProvenance,
          energyRatio, energyRatio,
          reason);
    }

    private static String join(String a, String b) {
      return a == null ? b : a + "; " + b;
    }
  }
}
