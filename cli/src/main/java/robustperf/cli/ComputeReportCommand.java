package robustperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import robustperf.records.compute.ArchitectureCosts;
import robustperf.records.compute.ComputeEstimate;
import robustperf.records.compute.Confidence;
import robustperf.records.compute.RecipeCoverage;
import robustperf.records.compute.RecipeFigure;
import robustperf.records.compute.RecipeTable;
import robustperf.records.compute.TrainingCompute;
import robustperf.records.compute.TrainingRecipe;

/**
 * {@code robustperf compute-report}: how much of each leaderboard the sourced recipes cover, at
 * which confidence, and which training-FLOPs figures rest on code defaults or rules.
 */
@Command(
    name = "compute-report",
    mixinStandardHelpOptions = true,
    description = {
      "Coverage of <data>/compute/recipes.csv per leaderboard (entries with a row, with every core figure at high or medium"
          + " confidence, with a training-FLOPs range, and those resting on low figures or rules), the confidence of each core"
          + " figure, the rows not taken, and every FLOPs figure that rests on a rule. No Spark: reads the CSV files directly."
    })
public final class ComputeReportCommand implements Callable<Integer> {
  private static final List<RecipeFigure> CORE = List.of(RecipeFigure.ARCHITECTURE, RecipeFigure.METHOD, RecipeFigure.ATTACK_STEPS,
      RecipeFigure.EPOCHS, RecipeFigure.STEPS, RecipeFigure.BATCH_SIZE, RecipeFigure.REAL_EXAMPLES, RecipeFigure.EXTRA_DATA);

  @Mixin PipelinePaths paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path compute = paths.data().resolve("compute");
    RecipeTable table = RecipeTable.read(compute.resolve("recipes.csv"));
    Path costsFile = compute.resolve("architectures.csv");
    ArchitectureCosts costs = Files.isRegularFile(costsFile) ? ArchitectureCosts.read(costsFile) : new ArchitectureCosts(Map.of());
    Map<String, ComputeEstimate> estimates = TrainingCompute.all(table.recipes(), costs);
    List<RecipeCoverage> coverage = RecipeCoverage.of(entries(paths.data().resolve("robustbench/model_info")), table.recipes(), estimates);

    out.println("Coverage of " + compute.resolve("recipes.csv"));
    out.printf("  %-15s %8s %8s %22s %14s %20s%n", "leaderboard", "entries", "recipes", "core figures firm (%)", "FLOPs range", "of which on rules");
    for (RecipeCoverage c : coverage) {
      out.printf(Locale.ROOT, "  %-15s %8d %8d %15d (%4.1f%%) %14d %20d%n", c.leaderboard(), c.entries(), c.withRecipe(), c.coreFirm(),
          c.coreFirmPct(), c.withFlops(), c.flopsOnLowFigures());
    }
    out.println("  (core figures: architecture, method, attack steps (not for standard training), and epochs or steps with batch size)");

    out.println("Confidence of each figure (high / medium / low / absent), all leaderboards");
    for (RecipeFigure f : CORE) {
      Map<Confidence, Integer> counts = new EnumMap<>(Confidence.class);
      int absent = 0;
      for (TrainingRecipe r : table.recipes()) {
        if (r.figure(f).isPresent()) {
          counts.merge(r.figure(f).get().confidence(), 1, Integer::sum);
        } else {
          absent++;
        }
      }
      out.printf("  %-16s %4d / %4d / %4d / %4d%n", f.column(), counts.getOrDefault(Confidence.high, 0),
          counts.getOrDefault(Confidence.medium, 0), counts.getOrDefault(Confidence.low, 0), absent);
    }

    out.println("Training FLOPs resting on low figures or rules");
    for (TrainingRecipe r : table.recipes()) {
      ComputeEstimate e = estimates.get(r.key());
      if (e.trainingFlopsCentral() == null || !e.restsOnLowFigures()) {
        continue;
      }
      List<String> low = new ArrayList<>();
      // A base entry's low figures come as "base key: figure".
      e.lowFigures().forEach(f -> low.add(f.contains(": ") ? f : f + " (" + r.figure(RecipeFigure.valueOf(f.toUpperCase(Locale.ROOT)))
          .orElseThrow().locator().substring("rule: ".length()) + ")"));
      low.addAll(e.rules());
      out.printf(Locale.ROOT, "  %-58s %.2g FLOPs: %s%n", r.key(), e.trainingFlopsCentral(), String.join("; ", low));
    }
    out.println("No training FLOPs");
    for (ComputeEstimate e : estimates.values()) {
      if (e.trainingFlopsCentral() == null) {
        out.printf("  %-58s %s%n", e.leaderboard() + "/" + e.modelId(), e.reason());
      }
    }
    if (!table.problems().isEmpty()) {
      out.println("Rows not taken");
      table.problems().forEach(p -> out.println("  " + p));
    }
    return ExitCodes.OK;
  }

  /** Every entry of the snapshot, by leaderboard ("dataset/threat" to model ids). */
  static Map<String, List<String>> entries(Path modelInfo) throws IOException {
    if (!Files.isDirectory(modelInfo)) {
      throw new IllegalArgumentException("no RobustBench snapshot at " + modelInfo + ": pass --data pointing at RobustPerf's data/");
    }
    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(modelInfo)) {
      files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(p -> {
        Path rel = modelInfo.relativize(p);
        if (rel.getNameCount() == 3 && rel.getName(1).toString().matches("Linf|L2")) {
          out.computeIfAbsent(rel.getName(0) + "/" + rel.getName(1), k -> new ArrayList<>())
              .add(rel.getFileName().toString().replaceAll("\\.json$", ""));
        }
      });
    }
    return out;
  }
}
