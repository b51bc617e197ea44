package robustperf.train.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import robustperf.train.loop.RunSpec;

/**
 * Shard {@code index} of {@code count} of a grid, as {@code robustperf train --shard i/n} names it
 * (0 <= i < n, so a Slurm array {@code 0-(n-1)} passes its task id as i).
 *
 * <p>The split balances expected work, not the number of cells: one PGD-7 cell costs as much as
 * several standard ones, and a count split would leave the shard that drew the attack-heavy cells
 * running long after the others. It is greedy longest-processing-time: cells sorted by expected
 * work (largest first, ties by cell id) each go to the shard with the least work so far (ties to
 * the lowest index). It reads only the cells' ids and work, never the order in which the spec
 * lists them, so every shard computes the same split on its own; no shard's load exceeds the
 * lightest one's by more than the largest cell, and a grid of equal cells splits by count (sizes
 * differ by at most one). The union of the shards is the grid and no cell is in two.
 *
 * @param index this shard, from 0
 * @param count the number of shards, at least 1
 */
public record GridShard(int index, int count) {
  /** The whole grid in one process. */
  public static final GridShard WHOLE = new GridShard(0, 1);

  private static final Pattern TEXT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

  public GridShard {
    if (count < 1) {
      throw new IllegalArgumentException("shard " + index + "/" + count + ": the number of shards must be at least 1");
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard " + index + "/" + count + ": the index must run from 0 to " + (count - 1) + " for " + count + " shards");
    }
  }

  /**
   * @param text "i/n", e.g. "0/4"
   * @return the shard
   * @throws IllegalArgumentException naming the text when it is not i/n with 0 <= i < n
   */
  public static GridShard parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "shard '" + text + "' is not i/n with whole numbers 0 <= i < n (e.g. 0/4 for the first of four)");
    }
    return new GridShard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /**
   * @param cells the grid's cells (unique run ids)
   * @param work each cell's expected work, finite and > 0; not called for a single shard
   * @return this shard's cells, in the grid's order
   */
  public List<RunSpec> cells(List<RunSpec> cells, ToDoubleFunction<RunSpec> work) {
    return count == 1 ? List.copyOf(cells) : split(cells, count, work).get(index);
  }

  /**
   * @param cells the grid's cells (unique run ids)
   * @param count the number of shards
   * @param work each cell's expected work, finite and > 0
   * @return every shard's cells, in the grid's order, index by index
   * @throws IllegalArgumentException when two cells share an id or a work is not finite and > 0
   */
  public static List<List<RunSpec>> split(List<RunSpec> cells, int count, ToDoubleFunction<RunSpec> work) {
    if (count < 1) {
      throw new IllegalArgumentException("the number of shards must be at least 1, got " + count);
    }
    Map<String, Double> workById = workById(cells, work);
    double[] load = new double[count];
    Map<String, Integer> shardOf = new HashMap<>();
    for (String id : largestFirst(workById)) {
      int lightest = 0;
      for (int s = 1; s < count; s++) {
        if (load[s] < load[lightest]) {
          lightest = s;
        }
      }
      load[lightest] += workById.get(id);
      shardOf.put(id, lightest);
    }
    List<List<RunSpec>> shards = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      shards.add(new ArrayList<>());
    }
    for (RunSpec cell : cells) {
      shards.get(shardOf.get(cell.runId())).add(cell);
    }
    return shards.stream().map(List::copyOf).toList();
  }

  /**
   * The order in which a scheduler that hands out cells one at a time (Spark's tasks) should start
   * them: largest expected work first, ties by cell id, as the split above assigns them.
   *
   * @param cells the grid's cells (unique run ids)
   * @param work each cell's expected work, finite and > 0
   * @return the cells, largest first
   * @throws IllegalArgumentException when two cells share an id or a work is not finite and > 0
   */
  public static List<RunSpec> largestFirst(List<RunSpec> cells, ToDoubleFunction<RunSpec> work) {
    Map<String, RunSpec> byId = new HashMap<>();
    cells.forEach(cell -> byId.put(cell.runId(), cell));
    return largestFirst(workById(cells, work)).stream().map(byId::get).toList();
  }

  private static Map<String, Double> workById(List<RunSpec> cells, ToDoubleFunction<RunSpec> work) {
    Map<String, Double> workById = new HashMap<>();
    for (RunSpec cell : cells) {
      double w = work.applyAsDouble(cell);
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("cell " + cell.runId() + " has expected work " + w + ": it must be finite and > 0");
      }
      if (workById.put(cell.runId(), w) != null) {
        throw new IllegalArgumentException("cell " + cell.runId() + " is twice in the grid");
      }
    }
    return workById;
  }

  private static List<String> largestFirst(Map<String, Double> workById) {
    List<String> ids = new ArrayList<>(workById.keySet());
    ids.sort(Comparator.<String>comparingDouble(workById::get).reversed().thenComparing(Comparator.naturalOrder()));
    return ids;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
