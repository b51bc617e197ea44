package robustperf.train.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * An isoFLOP layout for scaling grids (Hoffmann et al. 2022's "IsoFLOP profiles"): at each training
 * compute budget C, every model size N of the grid trains on as many examples as C buys,
 * D = C / (training FLOPs per example of N), as a subset of the training set repeated for the
 * fewest epochs that hold D. A size whose D would fall under {@code minExamples}, or need more than
 * {@code maxEpochs}, is left out of that budget, and every budget must keep at least
 * {@code minSizesPerBudget} sizes, so that each budget is a profile over N and not a point.
 *
 * @param budgets training FLOPs per run, by {@link robustperf.train.flops.TrainingFlops}'
 *     convention (attack passes included, monitor evaluations not); at least 5 distinct values
 * @param maxEpochs most epochs a cell may take
 * @param minExamples fewest distinct training examples a cell may use
 * @param minSizesPerBudget fewest model sizes each budget must keep
 */
public record IsoFlopDesign(List<Double> budgets, int maxEpochs, int minExamples, int minSizesPerBudget) {

  /** The keys of a grid spec's {@code isoflop} mapping. */
  static final Set<String> KEYS = Set.of("budgets", "max_epochs", "min_examples", "min_sizes_per_budget");

  /**
   * One cell: a model size at a budget, with the data and epochs the budget buys.
   *
   * @param architecture catalog name of the model size
   * @param budget the cell's budget, training FLOPs
   * @param epochs passes over the subset
   * @param trainExamples the subset's size (the first examples of the training part)
   */
  public record Cell(String architecture, double budget, int epochs, int trainExamples) {}

  public IsoFlopDesign {
    budgets = List.copyOf(new TreeSet<>(budgets));
    if (budgets.size() < 5 || budgets.get(0) <= 0) {
      throw new IllegalArgumentException("isoflop: needs at least 5 distinct positive budgets, got " + budgets);
    }
    if (maxEpochs < 1 || minExamples < 1 || minSizesPerBudget < 2) {
      throw new IllegalArgumentException("isoflop: max_epochs and min_examples must be >= 1 and min_sizes_per_budget >= 2");
    }
  }

  /**
   * @param yaml a grid spec's {@code isoflop} mapping
   * @return the design
   * @throws IllegalArgumentException naming the bad key
   */
  static IsoFlopDesign parse(Object yaml) {
    if (!(yaml instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("isoflop must be a mapping with " + new TreeSet<>(KEYS) + ", got " + yaml);
    }
    for (Object key : map.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        throw new IllegalArgumentException("isoflop: unknown key '" + key + "': expected one of " + new TreeSet<>(KEYS));
      }
    }
    Object list = map.get("budgets");
    if (!(list instanceof List<?> values)) {
      throw new IllegalArgumentException("isoflop: 'budgets' must be a list of training FLOPs");
    }
    List<Double> budgets = new ArrayList<>();
    for (Object value : values) {
      budgets.add(positive("isoflop budgets", value));
    }
    return new IsoFlopDesign(
        budgets,
        (int) positive("isoflop max_epochs", map.containsKey("max_epochs") ? map.get("max_epochs") : 20),
        (int) positive("isoflop min_examples", map.containsKey("min_examples") ? map.get("min_examples") : 1000),
        (int) positive("isoflop min_sizes_per_budget", map.containsKey("min_sizes_per_budget") ? map.get("min_sizes_per_budget") : 3));
  }

  /**
   * @param architectures the model sizes
   * @param flopsPerExample training FLOPs one example costs a size, under the grid's method
   * @param available training examples there are (the training set less the held-out part)
   * @return the cells, budget by budget, sizes in the given order
   * @throws IllegalArgumentException when a budget keeps fewer than {@code minSizesPerBudget}
   *     sizes, naming the budget and why each size was left out
   */
  public List<Cell> cells(List<String> architectures, ToDoubleFunction<String> flopsPerExample, int available) {
    List<Cell> cells = new ArrayList<>();
    for (double budget : budgets) {
      Map<String, String> leftOut = new TreeMap<>();
      int kept = 0;
      for (String architecture : architectures) {
        double examples = budget / flopsPerExample.applyAsDouble(architecture);
        int epochs = (int) Math.max(1, Math.ceil(examples / available));
        long subset = Math.round(examples / epochs);
        if (subset < minExamples) {
          leftOut.put(architecture, String.format(java.util.Locale.ROOT, "%d examples < min_examples %d", subset, minExamples));
        } else if (epochs > maxEpochs) {
          leftOut.put(architecture, epochs + " epochs > max_epochs " + maxEpochs);
        } else {
          cells.add(new Cell(architecture, budget, epochs, (int) subset));
          kept++;
        }
      }
      if (kept < minSizesPerBudget) {
        throw new IllegalArgumentException(
            String.format(java.util.Locale.ROOT, "isoflop: budget %.3g keeps %d of %d sizes (min_sizes_per_budget %d); left out: %s",
                budget, kept, architectures.size(), minSizesPerBudget, leftOut));
      }
    }
    return cells;
  }

  private static double positive(String key, Object value) {
    try {
      double d = Double.parseDouble(String.valueOf(value));
      if (Double.isFinite(d) && d > 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a positive number, got '" + value + "'");
  }
}
