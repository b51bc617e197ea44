package robustperf.records.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTableTest {
  private static final Path REPO = Path.of(System.getProperty("robustperf.repo", "."));

  @Test
  void theEmbeddedTableHasEveryLeaderboardEntryAndEveryFigureSourced() throws IOException {
    RecipeTable table = RecipeTable.read(REPO.resolve("data/compute/recipes.csv"));
    assertEquals(List.of(), table.problems());
    Set<String> entries;
    try (Stream<Path> files = Files.walk(REPO.resolve("data/robustbench/model_info"))) {
      entries = files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("corruptions"))
          .map(p -> REPO.resolve("data/robustbench/model_info").relativize(p).toString().replaceAll("\\.json$", ""))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(188, entries.size());
    assertEquals(entries, table.recipes().stream().map(TrainingRecipe::key).collect(Collectors.toCollection(TreeSet::new)));
    for (TrainingRecipe r : table.recipes()) {
      r.figures().forEach((figure, value) -> {
        assertTrue(value.source().matches("https?://\\S+"), r.key() + " " + figure);
        assertFalse(value.locator().isBlank(), r.key() + " " + figure);
        assertNotNull(value.confidence(), r.key() + " " + figure);
        if (value.confidence() == Confidence.low) {
          assertTrue(value.locator().startsWith("rule: "), r.key() + " " + figure + ": a low figure names its rule");
        }
      });
    }
  }

  @Test
  void aBadRowIsRefusedWithItsLineAndTheRestKept(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", RecipeTable.columns()));
    lines.add(row("cifar10/Linf", "Good1", "epochs", "100", "https://example.org/paper", "Sec. 4", "medium"));
    lines.add(row("cifar10/Linf", "NoSource", "epochs", "100", "", "Sec. 4", "medium"));
    lines.add(row("cifar10/Linf", "LowWithoutRule", "epochs", "100", "https://example.org/p", "train.py L3", "low"));
    lines.add(row("cifar10/Linf", "Unpinned", "epochs", "100", "https://github.com/a/b/blob/main/train.py", "L3", "high"));
    lines.add(row("cifar10/Linf", "NotANumber", "epochs", "100 epochs", "https://example.org/p", "Sec. 4", "high"));
    lines.add("cifar10/Linf,TooFewCells,,1");
    lines.add(row("cifar100/Linf", "Good2", "method", "trades", "https://example.org/p", "Table 1", "high"));
    lines.add(row("cifar10/Linf", "Good1", "epochs", "200", "https://example.org/p", "Sec. 5", "high"));
    Path file = dir.resolve("recipes.csv");
    Files.write(file, lines);
    RecipeTable table = RecipeTable.read(file);
    assertEquals(List.of("cifar10/Linf/Good1", "cifar100/Linf/Good2"), table.recipes().stream().map(TrainingRecipe::key).toList());
    assertEquals(List.of(3, 4, 5, 6, 7, 9), table.problems().stream().map(RecipeProblem::line).sorted().toList());
    String problems = table.problems().stream().map(RecipeProblem::toString).collect(Collectors.joining("\n"));
    assertTrue(problems.contains("recipes.csv:3: epochs has no source URL"), problems);
    assertTrue(problems.contains(":4: epochs is low confidence but its locator names no rule"), problems);
    assertTrue(problems.contains(":5: epochs_source is a GitHub file not pinned to a commit"), problems);
    assertTrue(problems.contains(":6: epochs: '100 epochs' is not a number"), problems);
    assertTrue(problems.contains(":7: 4 cells for"), problems);
    assertTrue(problems.contains(":9: cifar10/Linf/Good1 appears twice"), problems);
  }

  /** A row with one figure filled. */
  static String row(String leaderboard, String modelId, String figure, String value, String source, String locator, String confidence) {
    List<String> cells = new ArrayList<>();
    for (String column : RecipeTable.columns()) {
      cells.add(switch (column) {
        case "leaderboard" -> leaderboard;
        case "model_id" -> modelId;
        case "models" -> "1";
        case "pretraining_architecture_id", "base_entries" -> "";
        default -> column.equals(figure) ? value : column.equals(figure + "_source") ? source
            : column.equals(figure + "_locator") ? locator : column.equals(figure + "_confidence") ? confidence : "";
      });
    }
    return String.join(",", cells);
  }
}
