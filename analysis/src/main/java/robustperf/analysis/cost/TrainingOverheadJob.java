package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.EnergyTotal;
import robustperf.records.RepeatSummary;
import robustperf.tables.PipelineTables;
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
    Dataset<Row> perEpoch =
        epochs.select(
            col("run_id"), col("wall_seconds"), col("training_flops"), col("attack_flops"),
            EnergyTotalColumn.of(col("energy")).as("energy_total"));
    Dataset<Row> perRun =
        perEpoch
            .groupBy("run_id")
            .agg(
                avg("wall_seconds").as("seconds"), avg("training_flops").as("flops"),
                sum("attack_flops").as("attack"), sum("training_flops").as("total"),
                avg("energy_total.kwh").as("kwh"),
                sum(when(col("energy_total.kwh").isNull(), 1).otherwise(0)).as("energy_nulls"),
                first("energy_total.missing_reason", true).as("energy_missing"),
                // "estimated" sorts before "measured": one estimated epoch makes the run estimated.
                min("energy_total.provenance").as("energy_provenance"),
                count("*").as("epochs"))
            .join(
                manifests.select(
                    col("run_id"), col("dataset"), col("architecture"), col("method"), col("batch_size"),
                    col("precision"),
                    expr("concat_ws(' / ', coalesce(hardware.gpu_model, 'no GPU'), hardware.cpu_model)").as("hardware"),
                    expr("coalesce(hyperparameters['train_examples'], '?')").as("train_examples"),
                    expr("to_json(array_sort(map_entries(map_filter(hyperparameters, (k, v) -> k != 'repeat'))))").as("settings"),
                    ConfigurationColumn.of().as("label")),
                "run_id");
    Map<ConfigurationKey, List<Row>> byConfiguration = new LinkedHashMap<>();
    for (Row r : perRun.orderBy("run_id").collectAsList()) {
      ConfigurationKey key = new ConfigurationKey(
          r.getAs("dataset"), r.getAs("architecture"), r.getAs("method"), r.getAs("settings"),
          r.getAs("batch_size"), r.getAs("precision"), r.getAs("hardware"));
      byConfiguration.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
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

  /** The runs of one configuration: the same method and settings on the same model, data and machine. */
  private record ConfigurationKey(
      String dataset, String architecture, String method, String settings, Integer batchSize, String precision, String hardware) {}

  /** What a configuration is compared on: standard training of the same model, batch, precision, machine and training set. */
  private record BaselineKey(
      String dataset, String architecture, Integer batchSize, String precision, String hardware, String trainExamples) {}

  /** One configuration's runs, summarized. */
  private record Summary(
      String label, boolean standard, BaselineKey baselineKey, String dataset, String architecture, String method,
      String hardware, RepeatSummary seconds, double flops, double attackShare, RepeatSummary kwh, String energyMissing,
      String energyProvenance) {

    static Summary of(List<Row> runs) {
      Row r = runs.get(0);
      List<Double> seconds = runs.stream().map(x -> x.<Double>getAs("seconds")).toList();
      boolean energyComplete = runs.stream().allMatch(x -> x.<Long>getAs("energy_nulls") == 0L);
      String missing = energyComplete ? null : runs.stream()
          .map(x -> x.<String>getAs("energy_missing")).filter(m -> m != null && !m.isEmpty()).findFirst().orElse("");
      double total = runs.stream().mapToDouble(x -> x.<Double>getAs("total")).sum();
      double attack = runs.stream().mapToDouble(x -> x.<Double>getAs("attack")).sum();
      return new Summary(
          r.getAs("label"),
          "standard".equals(r.getAs("method")),
          new BaselineKey(r.getAs("dataset"), r.getAs("architecture"), r.getAs("batch_size"), r.getAs("precision"),
              r.getAs("hardware"), r.getAs("train_examples")),
          r.getAs("dataset"), r.getAs("architecture"), r.getAs("method"), r.getAs("hardware"),
          RepeatSummary.of(seconds),
          runs.stream().mapToDouble(x -> x.<Double>getAs("flops")).average().orElseThrow(),
          total > 0 ? attack / total : 0.0,
          energyComplete ? RepeatSummary.of(runs.stream().map(x -> x.<Double>getAs("kwh")).toList()) : null,
          missing,
          r.getAs("energy_provenance"));
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
