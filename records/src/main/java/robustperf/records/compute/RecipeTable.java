package robustperf.records.compute;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import robustperf.records.catalog.CatalogException;
import robustperf.records.catalog.CsvRows;

/**
 * data/compute/recipes.csv: one row per leaderboard entry. Columns: {@code leaderboard},
 * {@code model_id}, {@code architecture_id}, {@code models}, {@code pretraining_architecture_id} (where the
 * network was pre-trained in another shape), {@code base_entries} (space-separated keys of the entries
 * it is built from), then for every {@link RecipeFigure}
 * four columns, e.g. {@code epochs}, {@code epochs_source}, {@code epochs_locator},
 * {@code epochs_confidence}, and {@code notes}. A figure is written with its source, locator and
 * confidence, or left wholly empty; a low figure's locator names its rule ("rule: ..."). A row that
 * breaks any of this is not taken, and is reported with its line; every other row is kept.
 *
 * @param recipes the rows taken, in file order
 * @param problems the rows not taken, each with its line and reason
 */
public record RecipeTable(List<TrainingRecipe> recipes, List<RecipeProblem> problems) {
  /** Suffixes of the three columns that go with every figure's value column. */
  public static final List<String> PROVENANCE = List.of("_source", "_locator", "_confidence");

  /** @return every column, in the file's order */
  public static List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("leaderboard", "model_id", "architecture_id", "models", "pretraining_architecture_id", "base_entries"));
    for (RecipeFigure f : RecipeFigure.values()) {
      columns.add(f.column());
      PROVENANCE.forEach(suffix -> columns.add(f.column() + suffix));
    }
    columns.add("notes");
    return columns;
  }

  /**
   * @param file recipes.csv
   * @return the rows taken and the problems
   * @throws CatalogException when the file cannot be read or its header lacks a column
   */
  public static RecipeTable read(Path file) {
    List<CatalogException> malformed = new ArrayList<>();
    List<CsvRows.Row> rows = CsvRows.read(file, columns(), malformed);
    List<TrainingRecipe> recipes = new ArrayList<>();
    List<RecipeProblem> problems = new ArrayList<>();
    malformed.forEach(e -> problems.add(new RecipeProblem(file.toString(), lineOf(e), e.getMessage())));
    Set<String> seen = new HashSet<>();
    for (CsvRows.Row row : rows) {
      List<String> wrong = new ArrayList<>();
      TrainingRecipe recipe = recipe(row, wrong);
      if (recipe != null && !seen.add(recipe.key())) {
        wrong.add(recipe.key() + " appears twice");
      }
      if (wrong.isEmpty()) {
        recipes.add(recipe);
      } else {
        problems.add(new RecipeProblem(row.file(), row.line(), String.join("; ", wrong)));
      }
    }
    return new RecipeTable(List.copyOf(recipes), List.copyOf(problems));
  }

  private static TrainingRecipe recipe(CsvRows.Row row, List<String> wrong) {
    String leaderboard = row.optional("leaderboard");
    String modelId = row.optional("model_id");
    if (leaderboard == null || !leaderboard.matches("[a-z0-9]+/(Linf|L2)")) {
      wrong.add("leaderboard '" + leaderboard + "' is not dataset/Linf or dataset/L2");
    }
    if (modelId == null || !modelId.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
      wrong.add("model_id '" + modelId + "' is not a RobustBench model id");
    }
    String architecture = row.optional("architecture_id");
    if (architecture != null && !architecture.matches("[a-z0-9][a-z0-9\\-]*")) {
      wrong.add("architecture_id '" + architecture + "' is not a lower-case catalog id");
    }
    String pretrained = row.optional("pretraining_architecture_id");
    if (pretrained != null && !pretrained.matches("[a-z0-9][a-z0-9\\-]*")) {
      wrong.add("pretraining_architecture_id '" + pretrained + "' is not a lower-case catalog id");
    }
    List<String> bases = row.optional("base_entries") == null ? List.of() : List.of(row.optional("base_entries").split("\\s+"));
    for (String base : bases) {
      if (!base.matches("[a-z0-9]+/(Linf|L2)/[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
        wrong.add("base_entries: '" + base + "' is not a leaderboard/model_id key");
      }
    }
    String modelsText = row.optional("models");
    int models = 1;
    if (modelsText != null) {
      if (!modelsText.matches("[1-9]\\d{0,2}")) {
        wrong.add("models '" + modelsText + "' is not a whole number from 1");
      } else {
        models = Integer.parseInt(modelsText);
      }
    }
    Map<RecipeFigure, SourcedFigure> figures = new EnumMap<>(RecipeFigure.class);
    for (RecipeFigure f : RecipeFigure.values()) {
      String value = row.optional(f.column());
      String source = row.optional(f.column() + "_source");
      String locator = row.optional(f.column() + "_locator");
      String confidence = row.optional(f.column() + "_confidence");
      if (value == null) {
        if (source != null || locator != null || confidence != null) {
          wrong.add(f.column() + " is empty but has a source, locator or confidence");
        }
        continue;
      }
      String formProblem = f.problemWith(value);
      if (formProblem != null) {
        wrong.add(f.column() + ": " + formProblem);
      }
      if (source == null || !source.matches("https?://\\S+")) {
        wrong.add(f.column() + " has no source URL: every figure needs one");
      } else if (source.contains("github.com/") && source.contains("/blob/") && !source.matches(".*/blob/[0-9a-f]{40}/.*")) {
        wrong.add(f.column() + "_source is a GitHub file not pinned to a commit");
      }
      if (locator == null) {
        wrong.add(f.column() + " has no locator");
      }
      Confidence level = null;
      try {
        level = confidence == null ? null : Confidence.valueOf(confidence);
      } catch (IllegalArgumentException e) {
        // reported below
      }
      if (level == null) {
        wrong.add(f.column() + "_confidence '" + confidence + "' is not high, medium or low");
      } else if (level == Confidence.low && (locator == null || !locator.startsWith("rule: "))) {
        wrong.add(f.column() + " is low confidence but its locator names no rule ('rule: ...')");
      }
      if (wrong.isEmpty()) {
        figures.put(f, new SourcedFigure(value, source, locator, level));
      }
    }
    return wrong.isEmpty()
        ? new TrainingRecipe(leaderboard, modelId, architecture, models, pretrained, bases, figures, row.optional("notes"), row.line())
        : leaderboard == null || modelId == null ? null
            : new TrainingRecipe(leaderboard, modelId, null, 1, null, List.of(), Map.of(), null, row.line());
  }

  private static int lineOf(CatalogException e) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+): ").matcher(e.getMessage());
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
