package robustperf.analysis.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import robustperf.analysis.cost.RunTrainingTotals;
import robustperf.records.Checkpoint;
import robustperf.records.EvaluationResult;
import robustperf.records.RunManifest;
import robustperf.tables.PipelineTables;
import robustperf.tables.scaling.GridLawRow;
import robustperf.tables.scaling.GridPointRow;

/**
 * The scaling laws of our isoFLOP grids (tables {@code scaling_grid_points} and
 * {@code scaling_grid_laws}). The rule, in one place: a grid run is a run whose manifest carries
 * the isoFLOP keys ({@link RunManifest#ISOFLOP_GRID}); runs group by grid, dataset, threat model
 * and method as the grid gave it, never across methods; a run's point is its last checkpoint's
 * final PGD-20 evaluation on the most test images (AutoAttack, where evaluated, is shown beside
 * it), N its parameters, D its examples times epochs, C its measured training FLOPs, its level the
 * budget it was laid out for. {@link GridLaws} chooses and measures each group's law with the top
 * three budgets held out. Groups are small, so each is fitted on the driver.
 */
public final class GridScalingJob {
  private static final String FINAL_SUITE = "pgd-20";
  private static final String AUTOATTACK = "autoattack-standard";

  private final GridLaws laws;

  /** @param laws the law choice and its measurement */
  public GridScalingJob(GridLaws laws) {
    this.laws = laws;
  }

  /**
   * @param points one row per grid run ({@link GridPointRow})
   * @param laws one row per group and form, or one per group saying why it has none ({@link GridLawRow})
   */
  public record Output(List<GridPointRow> points, List<GridLawRow> laws) {}

  /** A group: one law each. */
  private record Group(String grid, String dataset, String threat, String method) {}

  /** A grid run with what its point needs. */
  private record GridRun(RunManifest manifest, double budget, double flops, EvaluationResult pgd20, EvaluationResult autoattack) {}

  /**
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @param evaluations the evaluation table
   * @param classes each dataset's class count (chance error = 1 - 1/classes)
   * @return the two tables' rows
   */
  public Output apply(Dataset<Row> manifests, Dataset<Row> epochs, Dataset<Row> evaluations, Map<String, Integer> classes) {
    Map<String, RunManifest> grid = new HashMap<>();
    for (RunManifest m : PipelineTables.RUN_MANIFEST.fromRows(manifests)) {
      if (m.hyperparameters() != null && m.hyperparameters().containsKey(RunManifest.ISOFLOP_GRID)) {
        grid.put(m.runId(), m);
      }
    }
    if (grid.isEmpty()) {
      return new Output(List.of(), List.of());
    }
    Map<String, Double> flops = new HashMap<>();
    for (RunTrainingTotals t : RunTrainingTotals.byRun(epochs)) {
      if (grid.containsKey(t.runId()) && t.flops() != null) {
        flops.put(t.runId(), t.flops());
      }
    }
    // The most test images, then the latest: a rerun on more images replaces a smaller one.
    Comparator<EvaluationResult> strongest = Comparator.comparingInt(EvaluationResult::n).thenComparing(EvaluationResult::evaluatedAt);
    Map<String, EvaluationResult> pgd20 = new HashMap<>();
    Map<String, EvaluationResult> autoattack = new HashMap<>();
    for (EvaluationResult e : PipelineTables.EVALUATION.fromRows(evaluations)) {
      if (!grid.containsKey(e.runId()) || e.checkpoint() != Checkpoint.last) {
        continue;
      }
      Map<String, EvaluationResult> into = e.attackSuite().equals(FINAL_SUITE) ? pgd20 : e.attackSuite().equals(AUTOATTACK) ? autoattack : null;
      if (into != null) {
        into.merge(e.runId(), e, (a, b) -> strongest.compare(a, b) >= 0 ? a : b);
      }
    }
    Map<Group, List<GridRun>> groups = new TreeMap<>(Comparator.comparing(Group::grid).thenComparing(Group::dataset)
        .thenComparing(Group::threat).thenComparing(Group::method));
    for (RunManifest m : grid.values()) {
      if (!flops.containsKey(m.runId()) || !pgd20.containsKey(m.runId())) {
        continue; // unfinished: no measured FLOPs or no final evaluation yet
      }
      Map<String, String> h = m.hyperparameters();
      Group key = new Group(h.get(RunManifest.ISOFLOP_GRID), m.dataset(), m.threatModel().norm() + " " + m.threatModel().epsText(),
          h.get(RunManifest.ISOFLOP_METHOD));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(
          new GridRun(m, Double.parseDouble(h.get(RunManifest.ISOFLOP_BUDGET)), flops.get(m.runId()), pgd20.get(m.runId()),
              autoattack.get(m.runId())));
    }
    List<GridPointRow> points = new ArrayList<>();
    List<GridLawRow> lawRows = new ArrayList<>();
    for (Map.Entry<Group, List<GridRun>> g : groups.entrySet()) {
      // Run-id order, never the input's: the result must not depend on it.
      List<GridRun> runs = g.getValue().stream().sorted(Comparator.comparing(r -> r.manifest().runId())).toList();
      Integer classCount = classes.get(g.getKey().dataset());
      if (classCount == null) {
        throw new IllegalArgumentException("dataset " + g.getKey().dataset() + " has no class count; known: " + classes.keySet());
      }
      fitGroup(g.getKey(), runs, 1 - 1.0 / classCount, points, lawRows);
    }
    return new Output(List.copyOf(points), List.copyOf(lawRows));
  }

  private void fitGroup(Group group, List<GridRun> runs, double chanceError, List<GridPointRow> points, List<GridLawRow> lawRows) {
    List<GridLaws.Point> input = runs.stream().map(GridScalingJob::point).toList();
    double[] budgets = runs.stream().mapToDouble(GridRun::budget).distinct().sorted().toArray();
    GridLaws.Result result;
    try {
      result = laws.fit(input, chanceError);
    } catch (IllegalArgumentException e) {
      for (GridRun r : runs) {
        points.add(row(group, r, budgets, false, null));
      }
      lawRows.add(new GridLawRow(group.grid(), group.method(), null, null, null, 0, 0, null, null, null, null, false, null, null, null,
          e.getMessage()));
      return;
    }
    Map<Integer, GridLaws.Prediction> predicted = new HashMap<>();
    result.predictions().forEach(p -> predicted.put(p.index(), p));
    for (int i = 0; i < runs.size(); i++) {
      GridRun r = runs.get(i);
      points.add(row(group, r, budgets, Arrays.binarySearch(budgets, r.budget()) >= result.heldOutFrom(), predicted.get(i)));
    }
    String heldOutBudgets = Arrays.stream(result.levels(), result.heldOutFrom(), result.levels().length)
        .mapToObj(b -> String.format(Locale.ROOT, "%.3g", b)).collect(Collectors.joining("; "));
    ExtrapolationChoice.Result choice = result.choice();
    for (ExtrapolationChoice.Score s : choice.scores()) {
      boolean chosen = s.chosen();
      lawRows.add(new GridLawRow(group.grid(), group.method(), s.law().name(), s.law().formula(),
          s.fit() == null ? null : s.fit().parameterText(), choice.nFit(), choice.nHeldOut(), heldOutBudgets,
          finite(s.inSampleRmse()), finite(s.extrapolationRmse()), s.rank(), chosen,
          chosen ? result.meanAbsoluteErrorPoints() : null, chosen ? result.coverage() : null,
          chosen ? 1 - 2 * result.alpha() : null, s.note()));
    }
  }

  private static GridLaws.Point point(GridRun r) {
    Map<String, String> h = r.manifest().hyperparameters();
    double examplesSeen = Double.parseDouble(h.get("train_examples")) * Double.parseDouble(h.get("epochs_run"));
    return new GridLaws.Point(Double.parseDouble(h.get("parameters")), examplesSeen, r.budget(), r.flops(),
        1 - r.pgd20().robustAccuracyPct() / 100);
  }

  private static GridPointRow row(Group group, GridRun r, double[] budgets, boolean heldOut, GridLaws.Prediction p) {
    Map<String, String> h = r.manifest().hyperparameters();
    return new GridPointRow(group.grid(), group.method(), r.manifest().runId(), r.manifest().architecture(),
        Long.parseLong(h.get("parameters")), Long.parseLong(h.get("train_examples")) * Long.parseLong(h.get("epochs_run")),
        r.budget(), r.flops(), Arrays.binarySearch(budgets, r.budget()), heldOut,
        r.pgd20().robustAccuracyPct(), r.pgd20().cleanAccuracyPct(), r.pgd20().n(),
        r.autoattack() == null ? null : r.autoattack().robustAccuracyPct(),
        p == null ? null : 100 * (1 - p.predictedError()),
        p == null ? null : 100 * (1 - p.high()),
        p == null ? null : 100 * (1 - p.low()),
        p == null ? null : p.covered());
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
