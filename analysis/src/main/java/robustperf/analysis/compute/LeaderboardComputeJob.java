package robustperf.analysis.compute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.analysis.trend.LeaderboardTrendJob;
import robustperf.ingest.compute.FigureRow;
import robustperf.ingest.compute.RecipeRow;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.records.compute.ArchitectureCost;
import robustperf.records.compute.ArchitectureCosts;
import robustperf.records.compute.ComputeEstimate;
import robustperf.records.compute.Confidence;
import robustperf.records.compute.RecipeFigure;
import robustperf.records.compute.SourcedFigure;
import robustperf.records.compute.TrainingCompute;
import robustperf.records.compute.TrainingRecipe;
import robustperf.tables.PipelineTables;
import robustperf.tables.compute.LeaderboardComputeRow;

/**
 * Spark job: every leaderboard entry with its training and inference compute, from the curated
 * recipe tables and our architectures' forward costs by {@link TrainingCompute}'s convention. An
 * entry without a recipe row, or whose recipe lacks a figure the FLOPs need, keeps its row with the
 * FLOPs null and the reason.
 */
public final class LeaderboardComputeJob {
  /**
   * Entries a compute fit or forecast takes: those the trends take (dated, both accuracies below
   * 100%, the entry rule's; the undated ones are the undefended references), with training FLOPs.
   */
  public static final String WITH_FLOPS = "training_flops_central IS NOT NULL AND analysis_exclusion IS NULL AND pub_date IS NOT NULL"
      + " AND clean_acc_pct IS NOT NULL AND autoattack_acc_pct IS NOT NULL AND clean_acc_pct < 100 AND autoattack_acc_pct < 100";

  /** {@link #WITH_FLOPS} without the entries whose FLOPs rest on a low figure or a rule: the sensitivity variant. */
  public static final String FIRM_ONLY = WITH_FLOPS + " AND rests_on_low_figures = false";

  /** The two entry sets every compute fit, front and forecast is made on, by filter, with their names. */
  public static final Map<String, String> ENTRY_SETS = entrySets();

  private static Map<String, String> entrySets() {
    Map<String, String> sets = new java.util.LinkedHashMap<>();
    sets.put(WITH_FLOPS, "all entries");
    sets.put(FIRM_ONLY, "high-medium figures");
    return java.util.Collections.unmodifiableMap(sets);
  }

  private LeaderboardComputeJob() {}

  /**
   * @param spark the session
   * @param entries robustbench_entries
   * @param recipes compute_recipes
   * @param figures compute_recipe_figures
   * @param architectures compute_architectures
   * @return one {@link LeaderboardComputeRow} per entry
   */
  public static Dataset<Row> apply(SparkSession spark, Dataset<Row> entries, Dataset<Row> recipes, Dataset<Row> figures,
      Dataset<Row> architectures) {
    ArchitectureCosts costs = costs(architectures);
    Map<String, TrainingRecipe> byKey = recipes(recipes, figures);
    Map<String, ComputeEstimate> estimates = TrainingCompute.all(List.copyOf(byKey.values()), costs);
    List<RobustBenchEntry> rows = entries.collectAsList().stream().map(PipelineTables.ROBUSTBENCH_ENTRIES::fromRow)
        .sorted(Comparator.comparing(RobustBenchEntry::leaderboard).thenComparing(RobustBenchEntry::modelId))
        .toList();
    List<LeaderboardComputeRow> out = new ArrayList<>();
    for (RobustBenchEntry e : rows) {
      // The recipes' key of an entry (TrainingRecipe.key): model ids are unique within a leaderboard.
      String key = e.leaderboard() + "/" + e.modelId();
      Integer year = e.pubYear();
      Double date = year == null ? null : LeaderboardTrendJob.decimalDate(year, e.pubMonth());
      Integer passes = e.numberForwardPasses();
      TrainingRecipe recipe = byKey.get(key);
      ComputeEstimate c = recipe == null ? null : estimates.get(key);
      Double inference = c == null || c.forwardFlops() == null || passes == null ? null : c.forwardFlops() * passes;
      out.add(new LeaderboardComputeRow(
          e.leaderboard(), e.modelId(), e.name(), e.architecture(), date, e.cleanAccPct(), e.autoattackAccPct(), e.analysisExclusion(),
          recipe != null, recipe != null && recipe.coreFiguresFirm(), c == null ? null : c.architectureId(),
          c == null ? null : c.models(), c == null ? null : c.inputSize(), c == null ? null : c.forwardFlops(), passes, inference,
          c == null ? null : c.examplesSeen(), c == null ? null : c.examplesBasis(), c == null ? null : c.passesLow(),
          c == null ? null : c.passesCentral(), c == null ? null : c.passesHigh(), c == null ? null : c.trainingFlopsLow(),
          c == null ? null : c.trainingFlopsCentral(), c == null ? null : c.trainingFlopsHigh(),
          c == null ? "no recipe row in data/compute/recipes.csv" : c.reason(), c == null ? null : c.pretrainingFlops(),
          c == null ? null : c.pretrainingNote(), c == null ? null : c.generatorNote(), c == null ? null : c.weakest().name(),
          c == null ? null : c.restsOnLowFigures(), c == null ? List.of() : c.lowFigures(), c == null ? List.of() : c.rules(),
          c == null ? List.of() : c.baseEntries(), TrainingCompute.CONVENTION));
    }
    return PipelineTables.LEADERBOARD_COMPUTE.dataset(spark, out);
  }

  private static ArchitectureCosts costs(Dataset<Row> architectures) {
    Map<String, ArchitectureCost> rows = new HashMap<>();
    for (ArchitectureCost a : PipelineTables.COMPUTE_ARCHITECTURES.fromRows(architectures)) {
      rows.put(a.key(), a);
    }
    return new ArchitectureCosts(Map.copyOf(rows));
  }

  /** The recipes as they were read from recipes.csv, rebuilt from the two curated tables. */
  private static Map<String, TrainingRecipe> recipes(Dataset<Row> recipes, Dataset<Row> figures) {
    Map<String, Map<RecipeFigure, SourcedFigure>> byKey = new HashMap<>();
    for (FigureRow f : PipelineTables.COMPUTE_RECIPE_FIGURES.fromRows(figures)) {
      String key = f.leaderboard() + "/" + f.modelId();
      byKey.computeIfAbsent(key, k -> new EnumMap<>(RecipeFigure.class)).put(
          RecipeFigure.valueOf(f.figure().toUpperCase(Locale.ROOT)),
          new SourcedFigure(f.value(), f.source(), f.locator(), Confidence.valueOf(f.confidence())));
    }
    Map<String, TrainingRecipe> out = new HashMap<>();
    for (RecipeRow r : PipelineTables.COMPUTE_RECIPES.fromRows(recipes)) {
      String key = r.leaderboard() + "/" + r.modelId();
      out.put(key, new TrainingRecipe(r.leaderboard(), r.modelId(), r.architectureId(), r.models(),
          r.pretrainingArchitectureId(), r.baseEntries() == null ? List.of() : r.baseEntries(),
          byKey.getOrDefault(key, Map.of()), r.notes(), r.line()));
    }
    return out;
  }
}
