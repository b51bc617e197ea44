package robustperf.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import robustperf.records.compute.ArchitectureCost;
import robustperf.records.compute.ArchitectureCosts;
import robustperf.records.compute.RecipeTable;
import robustperf.records.compute.TrainingCompute;
import robustperf.records.compute.TrainingRecipe;
import robustperf.train.flops.FlopCount;
import robustperf.train.flops.FlopCounter;
import robustperf.train.model.Architectures;

/**
 * {@code robustperf count-flops}: counts, on our own definitions, the parameters and forward MACs of
 * every architecture the training recipes name, at the input sizes and class counts they need, into
 * data/compute/architectures.csv.
 */
@Command(
    name = "count-flops",
    mixinStandardHelpOptions = true,
    description = {
      "Count the parameters and forward multiply-accumulates of every architecture <data>/compute/recipes.csv names (at its"
          + " training input size and class count, and at its pre-training resolution), by building our own definition and"
          + " counting it; write <data>/compute/architectures.csv. Architectures we have no definition of are listed, not counted."
    })
public final class CountFlopsCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Option(names = "--output", paramLabel = "FILE", description = "Where to write (default: <data>/compute/architectures.csv).")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path recipes = paths.data().resolve("compute/recipes.csv");
    if (!Files.isRegularFile(recipes)) {
      throw new IllegalArgumentException(recipes + ": no recipes to count the architectures of");
    }
    RecipeTable table = RecipeTable.read(recipes);
    Map<ArchitectureCost.Key, List<String>> needed = new TreeMap<>();
    for (TrainingRecipe r : table.recipes()) {
      for (ArchitectureCost.Key k : TrainingCompute.architecturesNeeded(r)) {
        needed.computeIfAbsent(k, x -> new ArrayList<>()).add(r.key());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", ArchitectureCosts.COLUMNS));
    List<String> undefined = new ArrayList<>();
    int done = 0;
    long start = System.nanoTime();
    for (Map.Entry<ArchitectureCost.Key, List<String>> e : needed.entrySet()) {
      ArchitectureCost.Key k = e.getKey();
      done++;
      Shape image = new Shape(3, k.inputSize(), k.inputSize());
      Block block;
      try {
        block = Architectures.build(k.architectureId(), k.classes(), image);
      } catch (IllegalArgumentException unknown) {
        undefined.add(k.architectureId() + " at " + k.inputSize() + " px, " + k.classes() + " classes (" + e.getValue().size() + " recipes, e.g. " + e.getValue().get(0) + ")");
        continue;
      }
      FlopCount count;
      try (NDManager manager = NDManager.newBaseManager()) {
        Architectures.initialize(block, manager, image);
        count = FlopCounter.count(block);
      }
      lines.add(String.join(",", k.architectureId(), String.valueOf(k.inputSize()), String.valueOf(k.classes()),
          String.valueOf(count.parameters()), String.valueOf(count.macs()), String.valueOf(2 * count.macs()),
          csv(Architectures.describe(k.architectureId()))));
      out.printf(Locale.ROOT, "[%d/%d, %.0f s] %-24s %4d px %5d classes: %,15d parameters, %.4g forward MACs%n", done, needed.size(),
          (System.nanoTime() - start) / 1e9, k.architectureId(), k.inputSize(), k.classes(), count.parameters(), (double) count.macs());
      out.flush();
    }
    Path file = output != null ? output : paths.data().resolve("compute/architectures.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    out.println("wrote " + file + " (" + (lines.size() - 1) + " rows)");
    for (String u : undefined) {
      spec.commandLine().getErr().println("count-flops: no definition of ours for " + u + ": its entries' FLOPs stay null");
    }
    for (var p : table.problems()) {
      spec.commandLine().getErr().println("count-flops: recipe row not taken: " + p);
    }
    return ExitCodes.OK;
  }

  private static String csv(String text) {
    return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
