package robustperf.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import robustperf.analysis.compute.LeaderboardComputeFits;
import robustperf.analysis.compute.LeaderboardComputeJob;
import robustperf.analysis.cost.CostToTargetJob;
import robustperf.analysis.cost.EnsembleCostJob;
import robustperf.analysis.cost.EverydayComparisonJob;
import robustperf.analysis.cost.LayerTimeBreakdownJob;
import robustperf.analysis.cost.RunCostJob;
import robustperf.analysis.cost.TimeToTargetJob;
import robustperf.analysis.cost.TimeToTargetSummary;
import robustperf.analysis.cost.TuningCostJob;
import robustperf.analysis.cost.TrainingOverheadJob;
import robustperf.analysis.intervention.InterventionJob;
import robustperf.analysis.pareto.ObjectiveColumn;
import robustperf.analysis.pareto.ParetoFrontJob;
import robustperf.analysis.regression.FitSummary;
import robustperf.analysis.scaling.ScalingForecastJob;
import robustperf.analysis.trend.LeaderboardTrendJob;
import robustperf.analysis.trend.YearToTargetJob;
import robustperf.ingest.curated.CuratedTables;
import robustperf.records.catalog.Catalogs;
import robustperf.records.parquet.RecordKind;

/** Spark job: every analysis that exists, over the curated tables, into analysis tables. */
public final class AnalyzeJob {
  /** Clean vs AutoAttack accuracy front of each RobustBench leaderboard. */
  public static final String PARETO_LEADERBOARDS = "pareto_clean_vs_autoattack";
  /** Clean vs robust accuracy front of our measured runs, per dataset, threat model and suite. */
  public static final String PARETO_RUNS = "pareto_runs_clean_vs_robust";
  /** OLS and quantile fits of log10(1/error) on the publication date, per leaderboard. */
  public static final String LEADERBOARD_FITS = "regression_leaderboard_trends";
  /** The same fits, one row per fit. */
  public static final String LEADERBOARD_FIT_SUMMARY = "regression_leaderboard_fits";
  /** Halving times of the robust error per leaderboard, over all years and by era. */
  public static final String LEADERBOARD_DOUBLING = "doubling_robust_error";

  /** The same halving times with the broken defences put back: what the entry rule changes. */
  public static final String LEADERBOARD_DOUBLING_WITH_BROKEN = "doubling_robust_error_with_broken_defences";

  /** Time, FLOPs and energy per epoch of each training configuration over standard training. */
  public static final String TRAINING_OVERHEAD = "training_overhead_vs_standard";

  /** Each run's measured cost and its FLOPs projected onto every catalog GPU. */
  public static final String RUN_COSTS = "run_cost_projection";

  /** Wall time, FLOPs, energy and USD of each run until its monitored accuracy reached each target. */
  public static final String TIME_TO_TARGET = "time_to_target";

  /** Time to target per configuration: reached, medians, and crossings confirmed by a full evaluation. */
  public static final String TIME_TO_TARGET_SUMMARY = "time_to_target_summary";

  /** Each logit-averaging ensemble beside its members: accuracies, summed training and inference cost. */
  public static final String ENSEMBLES = "ensembles_vs_members";

  /** Each hyperparameter sweep's total training cost beside one run of the configuration it chose. */
  public static final String TUNING_COST = "tuning_cost";

  /** Each law form's extrapolation loss per group of measured runs, and which form was chosen. */
  public static final String SCALING_CHOICE = "scaling_law_choice";

  /** The points each law was fitted to (training FLOPs so far, monitored error). */
  public static final String SCALING_POINTS = "scaling_law_points";

  /** OLS and tau = 0.1 fits of log10(1/error) on log10 training FLOPs over our runs' checkpoints (Thompson et al.'s form). */
  public static final String RUNS_COMPUTE_FITS = "regression_runs_compute";

  /** The chosen law of each group on a compute grid, with its split-conformal band. */
  public static final String SCALING_CURVES = "scaling_law_curves";

  /** Training FLOPs to reach each target accuracy by the chosen law, with bootstrap and conformal intervals. */
  public static final String COMPUTE_FORECAST = "forecast_compute_to_target";

  /** Those FLOPs as GPU-hours, kWh, CO2 and USD on every catalog GPU, with intervals and sources. */
  public static final String COST_FORECAST = "forecast_cost_to_target";

  /** Each cost forecast as a multiple of everyday figures (flights, lifetimes, households, GDP). */
  public static final String EVERYDAY = "forecast_everyday_comparisons";

  /** The year each RobustBench leaderboard's trend reaches target accuracies. */
  public static final String YEAR_FORECAST = "forecast_year_to_target";

  /** Each profiled configuration's training time per batch by layer category: step, attack and update. */
  public static final String LAYER_TIME = "layer_time_breakdown";

  /** Every leaderboard entry's training and inference compute from its sourced recipe. */
  public static final String LEADERBOARD_COMPUTE = "leaderboard_training_compute";

  /** Thompson et al.'s fits of log10(1/error) on log10 training FLOPs (and the date) per leaderboard. */
  public static final String LEADERBOARD_COMPUTE_FITS = "regression_leaderboard_compute";

  /** Fronts of clean and AutoAttack accuracy against training, and inference, FLOPs per leaderboard. */
  public static final String PARETO_LEADERBOARD_COMPUTE = "pareto_leaderboard_compute";

  /** Interventions ranked by robust accuracy gained per doubling of training compute, predicted and measured. */
  public static final String INTERVENTIONS = "interventions";

  /**
   * @param outDir the pipeline output directory holding tables/
   * @param catalogsDir the catalogs (GPUs, grid intensity, prices, PUE), e.g. data/catalogs
   * @param progress told of every table as it is written
   */
  public record Options(Path outDir, Path catalogsDir, java.util.function.Consumer<CuratedTables.Written> progress) {
    /** Nothing told. */
    public Options(Path outDir, Path catalogsDir) {
      this(outDir, catalogsDir, written -> {});
    }
  }

  private final Options options;

  public AnalyzeJob(Options options) {
    this.options = options;
  }

  /**
   * Runs the analyses.
   *
   * @param spark the session
   * @return rows written per analysis table
   */
  public Map<String, Long> run(SparkSession spark) {
    CuratedTables tables = CuratedTables.under(options.outDir()).whenWritten(options.progress());
    // Read once: a bad catalog row fails the run here, before any table is written.
    Catalogs catalogs = Catalogs.load(options.catalogsDir());
    Map<String, Long> rows = new LinkedHashMap<>();
    Dataset<Row> entries = tables.read(spark, CuratedTables.ROBUSTBENCH_ENTRIES);
    rows.put(PARETO_LEADERBOARDS, tables.write(PARETO_LEADERBOARDS, leaderboardFronts(entries)));
    LeaderboardTrendJob.Output trends =
        new LeaderboardTrendJob(LeaderboardTrendJob.Options.defaults(LeaderboardTrendJob.FILTER)).run(spark, entries);
    rows.put(LEADERBOARD_FITS, tables.write(LEADERBOARD_FITS, trends.fits()));
    rows.put(LEADERBOARD_FIT_SUMMARY, tables.write(LEADERBOARD_FIT_SUMMARY, FitSummary.of(trends.fits())));
    rows.put(LEADERBOARD_DOUBLING, tables.write(LEADERBOARD_DOUBLING, trends.doubling()));
    rows.put(LEADERBOARD_DOUBLING_WITH_BROKEN, tables.write(LEADERBOARD_DOUBLING_WITH_BROKEN,
        new LeaderboardTrendJob(LeaderboardTrendJob.Options.defaults(LeaderboardTrendJob.FILTER_WITH_BROKEN)).run(spark, entries).doubling()));
    rows.put(
        PARETO_RUNS,
        tables.write(
            PARETO_RUNS,
            runFronts(
                tables.read(spark, RecordKind.EVALUATION.id()),
                tables.read(spark, RecordKind.RUN_MANIFEST.id()))));
    rows.put(
        TRAINING_OVERHEAD,
        tables.write(
            TRAINING_OVERHEAD,
            new TrainingOverheadJob()
                .apply(spark, tables.read(spark, RecordKind.RUN_MANIFEST.id()), tables.read(spark, RecordKind.EPOCH_METRICS.id()))));
    rows.put(
        RUN_COSTS,
        tables.write(
            RUN_COSTS,
            new RunCostJob(RunCostJob.Options.defaults(catalogs))
                .apply(spark, tables.read(spark, RecordKind.RUN_MANIFEST.id()), tables.read(spark, RecordKind.EPOCH_METRICS.id()))));
    rows.put(
        TIME_TO_TARGET,
        tables.write(
            TIME_TO_TARGET,
            new TimeToTargetJob(TimeToTargetJob.Options.defaults(catalogs))
                .apply(spark, tables.read(spark, RecordKind.RUN_MANIFEST.id()), tables.read(spark, RecordKind.EPOCH_METRICS.id()),
                    tables.read(spark, RecordKind.EVALUATION.id()))));
    rows.put(TIME_TO_TARGET_SUMMARY, tables.write(TIME_TO_TARGET_SUMMARY, TimeToTargetSummary.of(tables.read(spark, TIME_TO_TARGET))));
    rows.put(
        ENSEMBLES,
        tables.write(
            ENSEMBLES,
            new EnsembleCostJob().apply(spark, tables.read(spark, RecordKind.RUN_MANIFEST.id()),
                tables.read(spark, RecordKind.EPOCH_METRICS.id()), tables.read(spark, RecordKind.EVALUATION.id()),
                tables.read(spark, RecordKind.INFERENCE_BENCHMARK.id()))));
    rows.put(
        TUNING_COST,
        tables.write(
            TUNING_COST,
            new TuningCostJob().apply(spark, tables.read(spark, RecordKind.RUN_MANIFEST.id()),
                tables.read(spark, RecordKind.EPOCH_METRICS.id()), tables.read(spark, RecordKind.EVALUATION.id()))));
    rows.put(YEAR_FORECAST, tables.write(YEAR_FORECAST, new YearToTargetJob(YearToTargetJob.Options.defaults()).apply(spark, entries)));
    rows.put(LEADERBOARD_COMPUTE, tables.write(LEADERBOARD_COMPUTE, LeaderboardComputeJob.apply(spark, entries,
        tables.read(spark, CuratedTables.COMPUTE_RECIPES), tables.read(spark, CuratedTables.COMPUTE_RECIPE_FIGURES),
        tables.read(spark, CuratedTables.COMPUTE_ARCHITECTURES))));
    Dataset<Row> compute = tables.read(spark, LEADERBOARD_COMPUTE);
    rows.put(LEADERBOARD_COMPUTE_FITS, tables.write(LEADERBOARD_COMPUTE_FITS,
        new LeaderboardComputeFits(LeaderboardComputeFits.Options.defaults()).apply(spark, compute)));
    rows.put(PARETO_LEADERBOARD_COMPUTE, tables.write(PARETO_LEADERBOARD_COMPUTE, computeFronts(compute)));
    ScalingForecastJob forecasts = new ScalingForecastJob(ScalingForecastJob.Options.defaults());
    ScalingForecastJob.Output scaling = forecasts
        .run(spark, tables.read(spark, RecordKind.RUN_MANIFEST.id()), tables.read(spark, RecordKind.EPOCH_METRICS.id()));
    ScalingForecastJob.Output boards = forecasts.runOnLeaderboards(spark, compute);
    rows.put(SCALING_CHOICE, tables.write(SCALING_CHOICE, scaling.choices().unionByName(boards.choices())));
    rows.put(COMPUTE_FORECAST, tables.write(COMPUTE_FORECAST, scaling.forecasts().unionByName(boards.forecasts())));
    rows.put(SCALING_POINTS, tables.write(SCALING_POINTS, scaling.points().unionByName(boards.points())));
    rows.put(SCALING_CURVES, tables.write(SCALING_CURVES, scaling.curves().unionByName(boards.curves())));
    rows.put(RUNS_COMPUTE_FITS, tables.write(RUNS_COMPUTE_FITS, scaling.fits()));
    rows.put(COST_FORECAST, tables.write(COST_FORECAST,
        new CostToTargetJob(RunCostJob.Options.defaults(catalogs)).apply(spark, tables.read(spark, COMPUTE_FORECAST))));
    rows.put(EVERYDAY, tables.write(EVERYDAY, new EverydayComparisonJob(catalogs).apply(spark, tables.read(spark, COST_FORECAST))));
    rows.put(LAYER_TIME, tables.write(LAYER_TIME, new LayerTimeBreakdownJob()
        .apply(spark, tables.read(spark, RecordKind.RUN_MANIFEST.id()), tables.read(spark, RecordKind.LAYER_PROFILE.id()))));
    rows.put(INTERVENTIONS, tables.write(INTERVENTIONS, new InterventionJob(InterventionJob.Options.defaults())
        .apply(spark, entries, tables.read(spark, RecordKind.RUN_MANIFEST.id()), tables.read(spark, RecordKind.EPOCH_METRICS.id()),
            tables.read(spark, RecordKind.EVALUATION.id()))));
    return rows;
  }

  static Dataset<Row> leaderboardFronts(Dataset<Row> entries) {
    Dataset<Row> points =
        entries.select(
            col("leaderboard"), col("model_id"), col("name"), col("architecture"), col("pub_year"),
            col("additional_data"), col("clean_acc_pct"), col("autoattack_acc_pct"), col("analysis_exclusion"),
            col("analysis_exclusion_reason"));
    // The analyses' one entry rule (EntryExclusion): excluded entries stay in the table, flagged, off the front.
    return new ParetoFrontJob(
            new ParetoFrontJob.Options(
                "leaderboard",
                List.of(ObjectiveColumn.max("clean_acc_pct"), ObjectiveColumn.max("autoattack_acc_pct")),
                "analysis_exclusion"))
        .apply(points);
  }

  /**
   * Per leaderboard, two fronts (max clean, max AutoAttack, min training FLOPs; and the same with
   * inference FLOPs) over two entry sets (every entry with FLOPs; high and medium figures only).
   */
  static Dataset<Row> computeFronts(Dataset<Row> compute) {
    Dataset<Row> points = null;
    for (Map.Entry<String, String> set : LeaderboardComputeJob.ENTRY_SETS.entrySet()) {
      for (String[] flops : new String[][] {{"training_flops_central", "training"}, {"inference_flops", "inference"}}) {
        Dataset<Row> part = compute.filter(set.getKey().replace("training_flops_central IS NOT NULL", flops[0] + " IS NOT NULL"))
            .select(concat_ws(" | ", col("leaderboard"), functions.lit(flops[1] + " FLOPs"), functions.lit(set.getValue())).as("group"),
                col("leaderboard"), col("model_id"), col("architecture"), col("pub_date"), col("clean_acc_pct"), col("autoattack_acc_pct"),
                col(flops[0]).as("flops"), functions.lit(flops[1]).as("flops_kind"), functions.lit(set.getKey()).as("input_filter"),
                col("rests_on_low_figures"));
        points = points == null ? part : points.unionByName(part);
      }
    }
    return new ParetoFrontJob(new ParetoFrontJob.Options("group",
            List.of(ObjectiveColumn.max("clean_acc_pct"), ObjectiveColumn.max("autoattack_acc_pct"), ObjectiveColumn.min("flops"))))
        .apply(points);
  }

  static Dataset<Row> runFronts(Dataset<Row> evaluations, Dataset<Row> manifests) {
    // Finished models only: a run that keeps every epoch's checkpoint is still one point per checkpoint kind.
    Dataset<Row> points =
        evaluations
            .filter(col("checkpoint").isin("best", "last"))
            .join(manifests.select("run_id", "dataset", "architecture", "method"), "run_id")
            .select(
                concat_ws(
                        "/",
                        col("dataset"),
                        col("threat_model.norm"),
                        col("threat_model.eps_text"),
                        col("attack_suite"),
                        col("checkpoint"))
                    .as("group"),
                col("run_id"), col("architecture"), col("method"), col("n"),
                col("clean_accuracy_pct"), col("robust_accuracy_pct"));
    return new ParetoFrontJob(
            new ParetoFrontJob.Options(
                "group",
                List.of(ObjectiveColumn.max("clean_accuracy_pct"), ObjectiveColumn.max("robust_accuracy_pct"))))
        .apply(points);
  }
}
