package robustperf.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static robustperf.tables.PipelineTables.*;

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
import robustperf.tables.Table;

/** Spark job: every analysis that exists, over the curated tables, into analysis tables. */
public final class AnalyzeJob {
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
    // Each input table read once (and checked against its record), then handed to every job.
    Dataset<Row> entries = ROBUSTBENCH_ENTRIES.read(spark, tables);
    Dataset<Row> manifests = RUN_MANIFEST.read(spark, tables);
    Dataset<Row> epochs = EPOCH_METRICS.read(spark, tables);
    Dataset<Row> evaluations = EVALUATION.read(spark, tables);
    Map<String, Long> rows = new LinkedHashMap<>();
    Writer out = new Writer(tables, rows);
    out.write(PARETO_LEADERBOARDS, leaderboardFronts(entries));
    LeaderboardTrendJob.Output trends =
        new LeaderboardTrendJob(LeaderboardTrendJob.Options.defaults(LeaderboardTrendJob.FILTER)).run(spark, entries);
    out.write(LEADERBOARD_FITS, trends.fits());
    out.write(LEADERBOARD_FIT_SUMMARY, FitSummary.of(trends.fits()));
    out.write(LEADERBOARD_DOUBLING, trends.doubling());
    out.write(LEADERBOARD_DOUBLING_WITH_BROKEN,
        new LeaderboardTrendJob(LeaderboardTrendJob.Options.defaults(LeaderboardTrendJob.FILTER_WITH_BROKEN)).run(spark, entries).doubling());
    out.write(PARETO_RUNS, runFronts(evaluations, manifests));
    out.write(TRAINING_OVERHEAD, new TrainingOverheadJob().apply(spark, manifests, epochs));
    out.write(RUN_COSTS, new RunCostJob(RunCostJob.Options.defaults(catalogs)).apply(spark, manifests, epochs));
    out.write(TIME_TO_TARGET, new TimeToTargetJob(TimeToTargetJob.Options.defaults(catalogs)).apply(spark, manifests, epochs, evaluations));
    out.write(TIME_TO_TARGET_SUMMARY, TimeToTargetSummary.of(TIME_TO_TARGET.read(spark, tables)));
    out.write(ENSEMBLES, new EnsembleCostJob().apply(spark, manifests, epochs, evaluations, INFERENCE_BENCHMARK.read(spark, tables)));
    out.write(TUNING_COST, new TuningCostJob().apply(spark, manifests, epochs, evaluations));
    out.write(YEAR_FORECAST, new YearToTargetJob(YearToTargetJob.Options.defaults()).apply(spark, entries));
    out.write(LEADERBOARD_COMPUTE, LeaderboardComputeJob.apply(spark, entries, COMPUTE_RECIPES.read(spark, tables),
        COMPUTE_RECIPE_FIGURES.read(spark, tables), COMPUTE_ARCHITECTURES.read(spark, tables)));
    Dataset<Row> compute = LEADERBOARD_COMPUTE.read(spark, tables);
    out.write(LEADERBOARD_COMPUTE_FITS, new LeaderboardComputeFits(LeaderboardComputeFits.Options.defaults()).apply(spark, compute));
    out.write(PARETO_LEADERBOARD_COMPUTE, computeFronts(compute));
    ScalingForecastJob forecasts = new ScalingForecastJob(ScalingForecastJob.Options.defaults());
    ScalingForecastJob.Output scaling = forecasts.run(spark, manifests, epochs);
    ScalingForecastJob.Output boards = forecasts.runOnLeaderboards(spark, compute);
    out.write(SCALING_CHOICE, scaling.choices().unionByName(boards.choices()));
    out.write(COMPUTE_FORECAST, scaling.forecasts().unionByName(boards.forecasts()));
    out.write(SCALING_POINTS, scaling.points().unionByName(boards.points()));
    out.write(SCALING_CURVES, scaling.curves().unionByName(boards.curves()));
    out.write(RUNS_COMPUTE_FITS, scaling.fits());
    out.write(COST_FORECAST, new CostToTargetJob(RunCostJob.Options.defaults(catalogs)).apply(spark, COMPUTE_FORECAST.read(spark, tables)));
    out.write(EVERYDAY, new EverydayComparisonJob(catalogs).apply(spark, COST_FORECAST.read(spark, tables)));
    out.write(LAYER_TIME, new LayerTimeBreakdownJob().apply(spark, manifests, LAYER_PROFILE.read(spark, tables)));
    out.write(INTERVENTIONS, new InterventionJob(InterventionJob.Options.defaults()).apply(spark, entries, manifests, epochs, evaluations));
    return rows;
  }

  /** Writes each table through its registry entry (which checks its columns) and counts its rows. */
  private record Writer(CuratedTables tables, Map<String, Long> rows) {
    void write(Table<?> table, Dataset<Row> content) {
      rows.put(table.name(), table.write(tables, content));
    }
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
