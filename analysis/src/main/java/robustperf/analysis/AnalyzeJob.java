package robustperf.analysis;

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
import robustperf.analysis.cost.TrainingOverheadJob;
import robustperf.analysis.cost.TuningCostJob;
import robustperf.analysis.intervention.InterventionJob;
import robustperf.analysis.pareto.ObjectiveColumn;
import robustperf.analysis.pareto.ParetoFrontJob;
import robustperf.analysis.regression.FitSummary;
import robustperf.analysis.scaling.GridLaws;
import robustperf.analysis.scaling.GridScalingJob;
import robustperf.analysis.scaling.ScalingForecastJob;
import robustperf.analysis.trend.LeaderboardTrendJob;
import robustperf.analysis.trend.YearToTargetJob;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.ingest.schema.Component;
import robustperf.records.Checkpoint;
import robustperf.records.EvaluationResult;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.catalog.Catalogs;
import robustperf.tables.Table;
import robustperf.tables.compute.LeaderboardComputeRow;
import robustperf.tables.pareto.ComputeFrontRow;
import robustperf.tables.pareto.RunFrontRow;

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
    GridScalingJob.Output grids =
        new GridScalingJob(GridLaws.defaults()).apply(manifests, epochs, evaluations, ScalingForecastJob.Options.defaults().classes());
    out.write(SCALING_GRID_POINTS, SCALING_GRID_POINTS.dataset(spark, grids.points()));
    out.write(SCALING_GRID_LAWS, SCALING_GRID_LAWS.dataset(spark, grids.laws()));
    return rows;
  }

  /** Writes each table through its registry entry (which checks its columns) and counts its rows. */
  private record Writer(CuratedTables tables, Map<String, Long> rows) {
    void write(Table<?> table, Dataset<Row> content) {
      rows.put(table.name(), table.write(tables, content));
    }
  }

  static Dataset<Row> leaderboardFronts(Dataset<Row> entries) {
    Table<RobustBenchEntry> e = ROBUSTBENCH_ENTRIES;
    Dataset<Row> points =
        entries.select(
            e.col(RobustBenchEntry::leaderboard), e.col(RobustBenchEntry::modelId), e.col(RobustBenchEntry::name),
            e.col(RobustBenchEntry::architecture), e.col(RobustBenchEntry::pubYear), e.col(RobustBenchEntry::additionalData),
            e.col(RobustBenchEntry::cleanAccPct), e.col(RobustBenchEntry::autoattackAccPct), e.col(RobustBenchEntry::analysisExclusion),
            e.col(RobustBenchEntry::analysisExclusionReason));
    // The analyses' one entry rule (EntryExclusion): excluded entries stay in the table, flagged, off the front.
    return new ParetoFrontJob(
            new ParetoFrontJob.Options(
                e.column(RobustBenchEntry::leaderboard),
                List.of(ObjectiveColumn.max(e.column(RobustBenchEntry::cleanAccPct)),
                    ObjectiveColumn.max(e.column(RobustBenchEntry::autoattackAccPct))),
                e.column(RobustBenchEntry::analysisExclusion)))
        .apply(points);
  }

  /**
   * Per leaderboard, two fronts (max clean, max AutoAttack, min training FLOPs; and the same with
   * inference FLOPs) over two entry sets (every entry with FLOPs; high and medium figures only).
   */
  static Dataset<Row> computeFronts(Dataset<Row> compute) {
    Table<LeaderboardComputeRow> c = LEADERBOARD_COMPUTE;
    Table<ComputeFrontRow> front = PARETO_LEADERBOARD_COMPUTE;
    Map<Component<LeaderboardComputeRow, Double>, String> kinds = new LinkedHashMap<>();
    kinds.put(LeaderboardComputeRow::trainingFlopsCentral, "training");
    kinds.put(LeaderboardComputeRow::inferenceFlops, "inference");
    Dataset<Row> points = null;
    for (Map.Entry<String, String> set : LeaderboardComputeJob.ENTRY_SETS.entrySet()) {
      for (Map.Entry<Component<LeaderboardComputeRow, Double>, String> flops : kinds.entrySet()) {
        // The entry set's SQL filter, on this kind of FLOPs.
        String filter = set.getKey().replace(c.column(LeaderboardComputeRow::trainingFlopsCentral) + " IS NOT NULL",
            flops.getKey().column() + " IS NOT NULL");
        Dataset<Row> part = compute.filter(filter)
            .select(concat_ws(" | ", c.col(LeaderboardComputeRow::leaderboard), functions.lit(flops.getValue() + " FLOPs"),
                    functions.lit(set.getValue())).as(front.column(ComputeFrontRow::group)),
                c.col(LeaderboardComputeRow::leaderboard), c.col(LeaderboardComputeRow::modelId), c.col(LeaderboardComputeRow::architecture),
                c.col(LeaderboardComputeRow::pubDate), c.col(LeaderboardComputeRow::cleanAccPct), c.col(LeaderboardComputeRow::autoattackAccPct),
                c.col(flops.getKey()).as(front.column(ComputeFrontRow::flops)),
                functions.lit(flops.getValue()).as(front.column(ComputeFrontRow::flopsKind)),
                functions.lit(set.getKey()).as(front.column(ComputeFrontRow::inputFilter)),
                c.col(LeaderboardComputeRow::restsOnLowFigures));
        points = points == null ? part : points.unionByName(part);
      }
    }
    return new ParetoFrontJob(new ParetoFrontJob.Options(front.column(ComputeFrontRow::group),
            List.of(ObjectiveColumn.max(front.column(ComputeFrontRow::cleanAccPct)),
                ObjectiveColumn.max(front.column(ComputeFrontRow::autoattackAccPct)), ObjectiveColumn.min(front.column(ComputeFrontRow::flops)))))
        .apply(points);
  }

  static Dataset<Row> runFronts(Dataset<Row> evaluations, Dataset<Row> manifests) {
    Table<EvaluationResult> e = EVALUATION;
    Table<RunManifest> m = RUN_MANIFEST;
    Table<RunFrontRow> front = PARETO_RUNS;
    // Finished models only: a run that keeps every epoch's checkpoint is still one point per checkpoint kind.
    Dataset<Row> points =
        evaluations
            .filter(e.col(EvaluationResult::checkpoint).isin(Checkpoint.best.name(), Checkpoint.last.name()))
            .join(manifests.select(m.col(RunManifest::runId), m.col(RunManifest::dataset), m.col(RunManifest::architecture),
                m.col(RunManifest::method)), e.column(EvaluationResult::runId))
            .select(
                concat_ws(
                        "/",
                        m.col(RunManifest::dataset),
                        Table.field(e.col(EvaluationResult::threatModel), ThreatModel::norm),
                        Table.field(e.col(EvaluationResult::threatModel), ThreatModel::epsText),
                        e.col(EvaluationResult::attackSuite),
                        e.col(EvaluationResult::checkpoint))
                    .as(front.column(RunFrontRow::group)),
                e.col(EvaluationResult::runId), m.col(RunManifest::architecture), m.col(RunManifest::method), e.col(EvaluationResult::n),
                e.col(EvaluationResult::cleanAccuracyPct), e.col(EvaluationResult::robustAccuracyPct));
    return new ParetoFrontJob(
            new ParetoFrontJob.Options(
                front.column(RunFrontRow::group),
                List.of(ObjectiveColumn.max(front.column(RunFrontRow::cleanAccuracyPct)),
                    ObjectiveColumn.max(front.column(RunFrontRow::robustAccuracyPct)))))
        .apply(points);
  }
}
