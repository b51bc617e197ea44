package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import robustperf.records.compute.ArchitectureCost;
import robustperf.records.compute.ArchitectureCosts;
import robustperf.records.compute.RecipeTable;
import robustperf.records.compute.TrainingCompute;
import robustperf.train.model.Architectures;

/** count-flops reproduces the committed catalog; compute-report reads the committed recipes. */
class ComputeCommandsTest {
  private static final Path REPO = Path.of(System.getProperty("robustperf.repo"));

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = RobustPerf.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    assertEquals(0, cmd.execute(args), err.toString());
    return out.toString();
  }

  @Test
  void theCommittedCatalogHasEveryArchitectureTheRecipesNeedAndWeDefineThemAll() {
    RecipeTable recipes = RecipeTable.read(REPO.resolve("data/compute/recipes.csv"));
    ArchitectureCosts costs = ArchitectureCosts.read(REPO.resolve("data/compute/architectures.csv"));
    Set<ArchitectureCost.Key> needed = new TreeSet<>();
    recipes.recipes().forEach(r -> needed.addAll(TrainingCompute.architecturesNeeded(r)));
    for (ArchitectureCost.Key k : needed) {
      assertTrue(costs.find(k.architectureId(), k.inputSize(), k.classes()).isPresent(), k + " is not counted");
      // Builds without initializing: every id has a definition of ours.
      Architectures.build(k.architectureId(), k.classes(), new Shape(3, k.inputSize(), k.inputSize()));
    }
    assertEquals(needed.size(), costs.rows().size(), "the catalog holds exactly what the recipes name");
  }

  @Test
  void countFlopsRecountsTheCommittedRows(@TempDir Path data) throws IOException {
    // Small networks of three families, at the rows the embedded recipes name.
    List<String> keep = List.of("leaderboard", "cifar10/Linf,Jang2019Adversarial,", "cifar10/Linf,Wong2020Fast,",
        "cifar100/Linf,Rice2020Overfitting,");
    Files.createDirectories(data.resolve("compute"));
    Files.write(data.resolve("compute/recipes.csv"), Files.readAllLines(REPO.resolve("data/compute/recipes.csv")).stream()
        .filter(line -> keep.stream().anyMatch(line::startsWith)).toList());
    Path counted = data.resolve("counted.csv");
    String out = run("count-flops", "--data", data.toString(), "--output", counted.toString());
    assertTrue(out.contains("[3/3"), out);
    Set<String> committed = Set.copyOf(Files.readAllLines(REPO.resolve("data/compute/architectures.csv")));
    List<String> rows = Files.readAllLines(counted);
    assertEquals(String.join(",", ArchitectureCosts.COLUMNS), rows.get(0));
    assertEquals(3, rows.size() - 1);
    for (String row : rows.subList(1, rows.size())) {
      assertTrue(committed.contains(row), row + " differs from the committed catalog");
    }
  }

  @Test
  void computeReportPrintsCoveragePerLeaderboard() {
    String out = run("compute-report", "--data", REPO.resolve("data").toString());
    for (String board : List.of("cifar10/Linf", "cifar10/L2", "cifar100/Linf", "imagenet/Linf")) {
      assertTrue(out.lines().anyMatch(l -> l.trim().startsWith(board + " ")), board + " missing in:\n" + out);
    }
    assertTrue(out.contains("Training FLOPs resting on low figures or rules"), out);
    assertTrue(out.lines().filter(l -> l.startsWith("  cifar10/Linf ")).collect(Collectors.toList()).get(0).contains(" 99 "), out);
  }
}
