package robustperf.train.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import robustperf.records.compute.TrainingCompute;
import robustperf.train.loop.RunSpec;

/** The shard split: i/n validated, deterministic, disjoint, the whole grid, balanced by work. */
class GridShardTest {
  /** Training passes per image under the project's convention: what makes cells unequal here. */
  private static final ToDoubleFunction<RunSpec> PASSES = run -> TrainingCompute.passes(
      run.method(), Integer.parseInt(run.methodParameters().getOrDefault("steps", "1")))[1] * run.epochs();

  @Test
  void parsesIAndNAndRefusesAnythingElseWithAClearMessage() {
    assertEquals(new GridShard(0, 1), GridShard.parse("0/1"));
    assertEquals(new GridShard(3, 4), GridShard.parse(" 3/4 "));
    assertEquals("3/4", GridShard.parse("3/4").toString());
    assertMessage("0/0", "the number of shards must be at least 1");
    assertMessage("3/2", "the index must run from 0 to 1 for 2 shards");
    assertMessage("2/2", "the index must run from 0 to 1 for 2 shards");
    assertMessage("a/b", "shard 'a/b' is not i/n with whole numbers 0 <= i < n");
    assertMessage("-1/2", "shard '-1/2' is not i/n");
    assertMessage("1/2/3", "is not i/n");
    assertMessage("", "shard '' is not i/n");
    assertMessage("99999999999/2", "is not i/n");
  }

  @Test
  void cellsStartLargestFirstTiesByIdWhateverTheSpecsOrder() {
    List<RunSpec> cells = grid(List.of("standard", Map.of("name", "pgd", "steps", 7), "fgsm-rs"), List.of(2, 1));
    List<RunSpec> order = GridShard.largestFirst(cells, PASSES);
    assertEquals(ids(cells), ids(order));
    for (int i = 1; i < order.size(); i++) {
      double before = PASSES.applyAsDouble(order.get(i - 1));
      double here = PASSES.applyAsDouble(order.get(i));
      assertTrue(before > here || before == here && order.get(i - 1).runId().compareTo(order.get(i).runId()) < 0,
          order.get(i - 1).runId() + " before " + order.get(i).runId());
    }
    assertTrue(order.get(0).runId().contains("pgd") && order.get(5).runId().contains("standard"), order.toString());
    List<RunSpec> reversed = new java.util.ArrayList<>(cells);
    java.util.Collections.reverse(reversed);
    assertEquals(order, GridShard.largestFirst(reversed, PASSES));
  }

  @Test
  void theShardsAreDisjointAndTheirUnionIsTheGrid() {
    List<RunSpec> cells = grid(List.of("standard", "fgsm-rs", Map.of("name", "pgd", "steps", List.of(2, 7))), List.of(1, 2, 3));
    for (int n = 1; n <= cells.size() + 2; n++) {
      List<List<RunSpec>> shards = GridShard.split(cells, n, PASSES);
      assertEquals(n, shards.size());
      Set<String> seen = new HashSet<>();
      int total = 0;
      for (int i = 0; i < n; i++) {
        assertEquals(shards.get(i), new GridShard(i, n).cells(cells, PASSES), "cells(i) is split(...).get(i)");
        for (RunSpec cell : shards.get(i)) {
          assertTrue(seen.add(cell.runId()), cell.runId() + " in two shards (n = " + n + ")");
        }
        total += shards.get(i).size();
        // each shard keeps the grid's order
        List<RunSpec> inGridOrder = cells.stream().filter(shards.get(i)::contains).toList();
        assertEquals(inGridOrder, shards.get(i));
      }
      assertEquals(cells.size(), total);
      assertEquals(ids(cells), seen);
    }
  }

  @Test
  void theSplitDependsOnTheCellsNotOnTheOrderTheSpecListsThem() {
    List<RunSpec> forward = grid(List.of("standard", "fgsm-rs", Map.of("name", "pgd", "steps", List.of(2, 7))), List.of(1, 2, 3));
    List<RunSpec> reversed = grid(List.of(Map.of("name", "pgd", "steps", List.of(7, 2)), "fgsm-rs", "standard"), List.of(3, 1, 2));
    assertEquals(ids(forward), ids(reversed));
    assertTrue(!forward.equals(reversed), "the two specs expand in different orders");
    for (int n = 2; n <= 5; n++) {
      assertEquals(assignment(GridShard.split(forward, n, PASSES)), assignment(GridShard.split(reversed, n, PASSES)), "n = " + n);
      assertEquals(assignment(GridShard.split(forward, n, PASSES)), assignment(GridShard.split(forward, n, PASSES)));
    }
  }

  @Test
  void theSplitBalancesExpectedWorkNotTheNumberOfCells() {
    // 2 PGD-7 cells (17 passes each) and 6 standard ones (3 each): 52 passes in all.
    List<RunSpec> cells = grid(List.of("standard", Map.of("name", "pgd", "steps", 7), "n-fgsm"), List.of(1, 2));
    cells = cells.stream().filter(c -> !c.method().equals("n-fgsm")).toList();
    List<RunSpec> more = grid(List.of("standard"), List.of(3, 4, 5, 6));
    List<RunSpec> all = new ArrayList<>(cells);
    all.addAll(more);
    assertEquals(8, all.size());
    double largest = all.stream().mapToDouble(PASSES).max().orElseThrow();
    for (int n = 2; n <= 4; n++) {
      double[] loads = GridShard.split(all, n, PASSES).stream().mapToDouble(s -> s.stream().mapToDouble(PASSES).sum()).toArray();
      double max = java.util.Arrays.stream(loads).max().orElseThrow();
      double min = java.util.Arrays.stream(loads).min().orElseThrow();
      assertTrue(max - min <= largest, "n = " + n + ": loads " + java.util.Arrays.toString(loads));
    }
    // Two shards: 26 passes each (a PGD-7 cell and three standard ones), where a split into
    // four cells each could give one shard both PGD-7 cells (40 against 12).
    List<List<RunSpec>> two = GridShard.split(all, 2, PASSES);
    assertEquals(26.0, two.get(0).stream().mapToDouble(PASSES).sum());
    assertEquals(26.0, two.get(1).stream().mapToDouble(PASSES).sum());
    // Equal cells split by count: sizes differ by at most one.
    List<List<RunSpec>> equal = GridShard.split(more, 3, PASSES);
    assertEquals(List.of(2, 1, 1), equal.stream().map(List::size).toList());
  }

  @Test
  void refusesCellsWithoutPositiveWork() {
    List<RunSpec> cells = grid(List.of("standard"), List.of(1, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridShard.split(cells, 2, c -> Double.NaN));
    assertTrue(e.getMessage().contains(cells.get(0).runId()) && e.getMessage().contains("finite and > 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GridShard.split(cells, 0, PASSES));
  }

  private static void assertMessage(String text, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridShard.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static List<RunSpec> grid(List<Object> methods, List<Integer> seeds) {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("name", "g");
    yaml.put("dataset", "fashion-mnist");
    yaml.put("eps", "0.1");
    yaml.put("architectures", List.of("small-cnn"));
    yaml.put("methods", methods);
    yaml.put("epochs", 1);
    yaml.put("batch_size", 64);
    yaml.put("learning_rate", 0.05);
    yaml.put("seeds", seeds);
    return GridSpec.expand(yaml).runs();
  }

  private static Set<String> ids(List<RunSpec> cells) {
    return new TreeSet<>(cells.stream().map(RunSpec::runId).toList());
  }

  /** Cell id to shard index. */
  private static Map<String, Integer> assignment(List<List<RunSpec>> shards) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < shards.size(); i++) {
      for (RunSpec cell : shards.get(i)) {
        out.put(cell.runId(), i);
      }
    }
    return out;
  }
}
