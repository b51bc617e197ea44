package robustperf.train.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import robustperf.records.Norm;
import robustperf.records.ThreatModel;
import robustperf.train.attack.EpsBall;
import robustperf.train.flops.FlopCounter;
import robustperf.train.loop.Recipes;
import robustperf.train.loop.RunSpec;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

class IsoFlopGridTest {
  private static final Shape FASHION = new Shape(1, 28, 28);
  private static final List<String> SIZES = List.of("small-cnn-c8", "small-cnn-c16", "small-cnn-c24", "small-cnn-c32", "small-cnn-c48");

  @TempDir Path dir;

  private Path spec(String isoflop, String extra) throws IOException {
    return Files.writeString(dir.resolve("grid.yaml"), """
        name: iso
        dataset: fashion-mnist
        eps: "0.1"
        architectures: [small-cnn-c8, small-cnn-c16, small-cnn-c24, small-cnn-c32, small-cnn-c48]
        methods:
          - {name: pgd, steps: 7}
          - {name: trades, beta: 6}
        batch_size: 128
        learning_rate: 0.05
        schedule: cyclic
        seeds: [1]
        """ + isoflop + extra);
  }

  private static final String FIVE_BUDGETS = """
      isoflop:
        budgets: [1.0e11, 3.16e11, 1.0e12, 3.16e12, 1.0e13]
        max_epochs: 20
        min_examples: 1000
      """;

  /**
   * The pass rule the layout (and the shard split) prices cells by equals what the training loop
   * meters: one step of each method on two images, its pass counters per image.
   */
  @ParameterizedTest
  @CsvSource({"standard, ''", "fgsm-rs, ''", "n-fgsm, ''", "pgd, steps=7", "pgd, steps=2", "trades, beta=6", "mart, beta=6"})
  void thePassRuleIsWhatTheLoopMeters(String method, String parameter) {
    Map<String, String> parameters = parameter.isEmpty() ? Map.of() : Map.of(parameter.split("=")[0], parameter.split("=")[1]);
    ThreatModel threat = ThreatModel.of(Norm.Linf, "0.1");
    TrainingMethod training = Recipes.method(method, parameters, new EpsBall(threat.norm(), threat.eps()));
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build("small-cnn-c4", 10, FASHION);
      Architectures.initialize(block, manager, FASHION);
      Network network = new Network(block, manager, Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
      NDArray x = manager.randomUniform(0f, 1f, new Shape(2).addAll(FASHION));
      NDArray y = manager.randomInteger(0, 10, new Shape(2), DataType.INT32);
      training.step(network, x, y);
      double metered = network.passes().total(1.0) / 2;
      assertEquals(metered, CellWork.trainingPassesPerImage(method, training), 1e-12, method + " " + parameters);
    }
  }

  @Test
  void eachBudgetIsAProfileOverSizesAndEachCellSpendsItsBudget() throws IOException {
    GridSpec grid = GridSpec.read(spec(FIVE_BUDGETS, ""));
    Map<String, Double> forward = new TreeMap<>();
    Map<String, Long> parameters = new TreeMap<>();
    for (String size : SIZES) {
      forward.put(size, FlopCounter.of(size, 10, FASHION).forwardFlops());
      try (NDManager manager = NDManager.newBaseManager()) {
        Block block = Architectures.build(size, 10, FASHION);
        Architectures.initialize(block, manager, FASHION);
        parameters.put(size, Architectures.trainableParameters(block));
      }
    }
    long smallest = parameters.values().stream().min(Long::compare).orElseThrow();
    long largest = parameters.values().stream().max(Long::compare).orElseThrow();
    assertTrue(largest >= 30 * smallest, "sizes span " + (double) largest / smallest + "x in parameters");

    List<RunSpec> pgd = grid.runs().stream().filter(r -> r.method().equals("pgd")).toList();
    Map<Long, List<RunSpec>> byBudget = new TreeMap<>();
    for (RunSpec run : pgd) {
      // (2K + 3) F per example for PGD-K: the budget the cell was laid out for, to rounding.
      double spent = (2 * 7 + 3) * forward.get(run.architecture()) * run.epochs() * run.trainExamples();
      long budget = Math.round(Math.log10(spent) * 4);
      byBudget.computeIfAbsent(budget, b -> new java.util.ArrayList<>()).add(run);
      double nearest = List.of(1.0e11, 3.16e11, 1.0e12, 3.16e12, 1.0e13).stream()
          .min((a, b) -> Double.compare(Math.abs(Math.log(spent / a)), Math.abs(Math.log(spent / b)))).orElseThrow();
      assertEquals(1.0, spent / nearest, 0.005, run.runId() + " spends " + spent);
      assertTrue(run.trainExamples() >= 1000 && run.trainExamples() <= 59_000 && run.epochs() <= 20, run.runId());
      assertTrue(run.runId().contains("-n" + run.trainExamples() + "-e" + run.epochs()), run.runId());
    }
    assertEquals(5, byBudget.size(), "five compute levels: " + byBudget.keySet());
    for (List<RunSpec> level : byBudget.values()) {
      assertTrue(level.stream().map(RunSpec::architecture).distinct().count() >= 3, "each budget keeps at least 3 sizes");
    }
    // Both methods laid out; never a run twice.
    assertTrue(grid.runs().stream().anyMatch(r -> r.method().equals("trades")));
    assertEquals(grid.runs().size(), grid.runs().stream().map(RunSpec::runId).distinct().count());
    // The largest size is left out of the smallest budget: 1e11 FLOPs buy it too few examples.
    assertTrue(pgd.stream().noneMatch(r -> r.architecture().equals("small-cnn-c48")
        && (2 * 7 + 3) * forward.get(r.architecture()) * r.epochs() * r.trainExamples() < 2e11));
  }

  @Test
  void badDesignsAreRefusedWithTheirReason() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(spec(FIVE_BUDGETS, "epochs: [1]\n")));
    assertTrue(e.getMessage().contains("give neither"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(spec("isoflop:\n  budgets: [1.0e11, 1.0e12, 1.0e13]\n", "")));
    assertTrue(e.getMessage().contains("at least 5 distinct positive budgets"), e.getMessage());
    // 1e9 FLOPs buy every size fewer than min_examples: the budget and each size's reason are named.
    e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(
        spec("isoflop:\n  budgets: [1.0e9, 1.0e11, 3.16e11, 1.0e12, 3.16e12]\n", "")));
    assertTrue(e.getMessage().contains("budget 1.00e+09 keeps 0 of 5 sizes") && e.getMessage().contains("< min_examples 1000"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(spec("isoflop:\n  budgets: [1, 2, 3, 4, 5]\n  scale: 2\n", "")));
    assertTrue(e.getMessage().contains("unknown key 'scale'"), e.getMessage());
  }
}
