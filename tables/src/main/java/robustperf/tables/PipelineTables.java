package robustperf.tables;

import java.util.List;
import robustperf.ingest.compute.FigureRow;
import robustperf.ingest.compute.RecipeRow;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.nightly.LedgerEntry;
import robustperf.ingest.nightly.WarehouseTables;
import robustperf.ingest.robustbench.ParseIssue;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.InferenceBenchmark;
import robustperf.records.LayerProfile;
import robustperf.records.RunManifest;
import robustperf.records.compute.ArchitectureCost;
import robustperf.records.parquet.RecordKind;
import robustperf.tables.compute.LeaderboardComputeRow;
import robustperf.tables.cost.ComparisonRow;
import robustperf.tables.cost.CostToTargetRow;
import robustperf.tables.cost.EnsembleRow;
import robustperf.tables.cost.LayerTimeRow;
import robustperf.tables.cost.RunCostRow;
import robustperf.tables.cost.TimeToTargetRow;
import robustperf.tables.cost.TimeToTargetSummaryRow;
import robustperf.tables.cost.TrainingOverheadRow;
import robustperf.tables.cost.TuningCostRow;
import robustperf.tables.intervention.InterventionRow;
import robustperf.tables.pareto.ComputeFrontRow;
import robustperf.tables.pareto.LeaderboardFrontRow;
import robustperf.tables.pareto.RunFrontRow;
import robustperf.tables.regression.FitRow;
import robustperf.tables.regression.FitSummaryRow;
import robustperf.tables.scaling.ComputeForecastRow;
import robustperf.tables.scaling.LawChoiceRow;
import robustperf.tables.scaling.ScalingCurveRow;
import robustperf.tables.scaling.ScalingPointRow;
import robustperf.tables.trend.DoublingRow;
import robustperf.tables.trend.YearForecastRow;

/**
 * Every table the pipeline writes under {@code <out>/tables/}, each with its name and row record:
 * the one list of names and columns. The curated tables keep the names ingest writes them under
 * ({@link CuratedTables}, {@link RecordKind}); the analysis tables are named here.
 */
public final class PipelineTables {
  private PipelineTables() {}

  // Curated (ingest).
  /** One row per RobustBench leaderboard entry. */
  public static final Table<RobustBenchEntry> ROBUSTBENCH_ENTRIES = Table.of(CuratedTables.ROBUSTBENCH_ENTRIES, RobustBenchEntry.class);
  /** Every RobustBench value that could not be parsed. */
  public static final Table<ParseIssue> ROBUSTBENCH_PARSE_ISSUES = Table.of(CuratedTables.ROBUSTBENCH_PARSE_ISSUES, ParseIssue.class);
  /** Input files not taken in, with reasons. */
  public static final Table<RejectedFile> REJECTED_FILES = Table.of(CuratedTables.REJECTED_FILES, RejectedFile.class);
  /** Each leaderboard entry's training recipe. */
  public static final Table<RecipeRow> COMPUTE_RECIPES = Table.of(CuratedTables.COMPUTE_RECIPES, RecipeRow.class);
  /** Every sourced recipe figure. */
  public static final Table<FigureRow> COMPUTE_RECIPE_FIGURES = Table.of(CuratedTables.COMPUTE_RECIPE_FIGURES, FigureRow.class);
  /** Our architectures' parameters and forward MACs. */
  public static final Table<ArchitectureCost> COMPUTE_ARCHITECTURES = Table.of(CuratedTables.COMPUTE_ARCHITECTURES, ArchitectureCost.class);
  /** Our runs' manifests. */
  public static final Table<RunManifest> RUN_MANIFEST = Table.of(RecordKind.RUN_MANIFEST.id(), RunManifest.class);
  /** Our runs' epochs. */
  public static final Table<EpochMetrics> EPOCH_METRICS = Table.of(RecordKind.EPOCH_METRICS.id(), EpochMetrics.class);
  /** Our checkpoints' evaluations. */
  public static final Table<EvaluationResult> EVALUATION = Table.of(RecordKind.EVALUATION.id(), EvaluationResult.class);
  /** Our inference benchmarks. */
  public static final Table<InferenceBenchmark> INFERENCE_BENCHMARK = Table.of(RecordKind.INFERENCE_BENCHMARK.id(), InferenceBenchmark.class);
  /** Our layer profiles. */
  public static final Table<LayerProfile> LAYER_PROFILE = Table.of(RecordKind.LAYER_PROFILE.id(), LayerProfile.class);
  /** The nightly fold's ledger (written by {@code robustperf nightly} only). */
  public static final Table<LedgerEntry> NIGHTLY_LEDGER = Table.of(WarehouseTables.LEDGER, LedgerEntry.class);

  // Analyses.
  /** Clean vs AutoAttack accuracy front of each RobustBench leaderboard. */
  public static final Table<LeaderboardFrontRow> PARETO_LEADERBOARDS = Table.of("pareto_clean_vs_autoattack", LeaderboardFrontRow.class);
  /** Clean vs robust accuracy front of our measured runs, per dataset, threat model and suite. */
  public static final Table<RunFrontRow> PARETO_RUNS = Table.of("pareto_runs_clean_vs_robust", RunFrontRow.class);
  /** OLS and quantile fits of log10(1/error) on the publication date, per leaderboard. */
  public static final Table<FitRow> LEADERBOARD_FITS = Table.of("regression_leaderboard_trends", FitRow.class);
  /** The same fits, one row per fit. */
  public static final Table<FitSummaryRow> LEADERBOARD_FIT_SUMMARY = Table.of("regression_leaderboard_fits", FitSummaryRow.class);
  /** Halving times of the robust error per leaderboard, over all years and by era. */
  public static final Table<DoublingRow> LEADERBOARD_DOUBLING = Table.of("doubling_robust_error", DoublingRow.class);
  /** The same halving times with the broken defences put back: what the entry rule changes. */
  public static final Table<DoublingRow> LEADERBOARD_DOUBLING_WITH_BROKEN =
      Table.of("doubling_robust_error_with_broken_defences", DoublingRow.class);
  /** Time, FLOPs and energy per epoch of each training configuration over standard training. */
  public static final Table<TrainingOverheadRow> TRAINING_OVERHEAD = Table.of("training_overhead_vs_standard", TrainingOverheadRow.class);
  /** Each run's measured cost and its FLOPs projected onto every catalog GPU. */
  public static final Table<RunCostRow> RUN_COSTS = Table.of("run_cost_projection", RunCostRow.class);
  /** Wall time, FLOPs, energy and USD of each run until its monitored accuracy reached each target. */
  public static final Table<TimeToTargetRow> TIME_TO_TARGET = Table.of("time_to_target", TimeToTargetRow.class);
  /** Time to target per configuration: reached, medians, and crossings confirmed by a full evaluation. */
  public static final Table<TimeToTargetSummaryRow> TIME_TO_TARGET_SUMMARY = Table.of("time_to_target_summary", TimeToTargetSummaryRow.class);
  /** Each logit-averaging ensemble beside its members: accuracies, summed training and inference cost. */
  public static final Table<EnsembleRow> ENSEMBLES = Table.of("ensembles_vs_members", EnsembleRow.class);
  /** Each hyperparameter sweep's total training cost beside one run of the configuration it chose. */
  public static final Table<TuningCostRow> TUNING_COST = Table.of("tuning_cost", TuningCostRow.class);
  /** Each law form's extrapolation loss per group of measured runs, and which form was chosen. */
  public static final Table<LawChoiceRow> SCALING_CHOICE = Table.of("scaling_law_choice", LawChoiceRow.class);
  /** The points each law was fitted to (training FLOPs so far, monitored error). */
  public static final Table<ScalingPointRow> SCALING_POINTS = Table.of("scaling_law_points", ScalingPointRow.class);
  /** OLS and tau = 0.1 fits of log10(1/error) on log10 training FLOPs over our runs' checkpoints. */
  public static final Table<FitRow> RUNS_COMPUTE_FITS = Table.of("regression_runs_compute", FitRow.class);
  /** The chosen law of each group on a compute grid, with its split-conformal band. */
  public static final Table<ScalingCurveRow> SCALING_CURVES = Table.of("scaling_law_curves", ScalingCurveRow.class);
  /** Training FLOPs to reach each target accuracy by the chosen law, with bootstrap and conformal intervals. */
  public static final Table<ComputeForecastRow> COMPUTE_FORECAST = Table.of("forecast_compute_to_target", ComputeForecastRow.class);
  /** Those FLOPs as GPU-hours, kWh, CO2 and USD on every catalog GPU, with intervals and sources. */
  public static final Table<CostToTargetRow> COST_FORECAST = Table.of("forecast_cost_to_target", CostToTargetRow.class);
  /** Each cost forecast as a multiple of everyday figures (flights, lifetimes, households, GDP). */
  public static final Table<ComparisonRow> EVERYDAY = Table.of("forecast_everyday_comparisons", ComparisonRow.class);
  /** The year each RobustBench leaderboard's trend reaches target accuracies. */
  public static final Table<YearForecastRow> YEAR_FORECAST = Table.of("forecast_year_to_target", YearForecastRow.class);
  /** Each profiled configuration's training time per batch by layer category: step, attack and update. */
  public static final Table<LayerTimeRow> LAYER_TIME = Table.of("layer_time_breakdown", LayerTimeRow.class);
  /** Every leaderboard entry's training and inference compute from its sourced recipe. */
  public static final Table<LeaderboardComputeRow> LEADERBOARD_COMPUTE = Table.of("leaderboard_training_compute", LeaderboardComputeRow.class);
  /** Thompson et al.'s fits of log10(1/error) on log10 training FLOPs (and the date) per leaderboard. */
  public static final Table<FitRow> LEADERBOARD_COMPUTE_FITS = Table.of("regression_leaderboard_compute", FitRow.class);
  /** Fronts of clean and AutoAttack accuracy against training, and inference, FLOPs per leaderboard. */
  public static final Table<ComputeFrontRow> PARETO_LEADERBOARD_COMPUTE = Table.of("pareto_leaderboard_compute", ComputeFrontRow.class);
  /** Interventions ranked by robust accuracy gained per doubling of training compute, predicted and measured. */
  public static final Table<InterventionRow> INTERVENTIONS = Table.of("interventions", InterventionRow.class);

  /** Every table {@code robustperf pipeline} writes, in the order it writes them. */
  public static final List<Table<?>> PIPELINE = List.of(
      ROBUSTBENCH_ENTRIES, ROBUSTBENCH_PARSE_ISSUES, COMPUTE_RECIPES, COMPUTE_RECIPE_FIGURES, COMPUTE_ARCHITECTURES,
      RUN_MANIFEST, EPOCH_METRICS, EVALUATION, INFERENCE_BENCHMARK, LAYER_PROFILE, REJECTED_FILES,
      PARETO_LEADERBOARDS, LEADERBOARD_FITS, LEADERBOARD_FIT_SUMMARY, LEADERBOARD_DOUBLING, LEADERBOARD_DOUBLING_WITH_BROKEN,
      PARETO_RUNS, TRAINING_OVERHEAD, RUN_COSTS, TIME_TO_TARGET, TIME_TO_TARGET_SUMMARY, ENSEMBLES, TUNING_COST,
      YEAR_FORECAST, LEADERBOARD_COMPUTE, LEADERBOARD_COMPUTE_FITS, PARETO_LEADERBOARD_COMPUTE, SCALING_CHOICE,
      COMPUTE_FORECAST, SCALING_POINTS, SCALING_CURVES, RUNS_COMPUTE_FITS, COST_FORECAST, EVERYDAY, LAYER_TIME,
      INTERVENTIONS);

  /** Every table, the nightly fold's ledger included. */
  public static final List<Table<?>> ALL = java.util.stream.Stream.concat(PIPELINE.stream(), java.util.stream.Stream.of(NIGHTLY_LEDGER)).toList();
}
