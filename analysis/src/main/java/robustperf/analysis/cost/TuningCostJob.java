package robustperf.analysis.cost;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.Checkpoint;
import robustperf.records.EvaluationResult;
import robustperf.records.RunManifest;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.TuningCostRow;

/**
 * Spark job: the hidden cost of tuning. A study is every run of one method on one dataset, model
 * and machine whose configurations differ in the method's hyperparameters (e.g. a TRADES beta
 * sweep). Its total training cost stands beside the cost of the single run one would report: one
 * run of the configuration chosen by the study (highest mean final robust accuracy over seeds).
 */
public final class TuningCostJob {
  /** The final evaluation the choice is made on: every training run writes it. */
  public static final String SELECTION_SUITE = "pgd-20";

  /**
   * @param spark the session
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @param evaluations the evaluation table
   * @return one row per study of two configurations or more
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> manifests, Dataset<Row> epochs, Dataset<Row> evaluations) {
    Map<String, RunManifest> manifestOf = new HashMap<>();
    PipelineTables.RUN_MANIFEST.fromRows(manifests).forEach(m -> manifestOf.put(m.runId(), m));
    Map<String, List<EvaluationResult>> selectedOf = new HashMap<>();
    PipelineTables.EVALUATION.fromRows(evaluations).stream()
        .filter(e -> e.checkpoint() == Checkpoint.last && e.attackSuite().equals(SELECTION_SUITE))
        .forEach(e -> selectedOf.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(e));
    Map<StudyKey, Map<String, List<StudyRun>>> studies = new LinkedHashMap<>();
    for (RunTrainingTotals t : RunTrainingTotals.byRun(epochs)) {
      RunManifest m = manifestOf.get(t.runId());
      for (EvaluationResult e : m == null ? List.<EvaluationResult>of() : selectedOf.getOrDefault(t.runId(), List.of())) {
        StudyKey key = new StudyKey(m.dataset(), m.architecture(), m.method(), ConfigurationColumn.machine(m.hardware()));
        studies.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(ConfigurationColumn.of(t.runId()), k -> new ArrayList<>())
            .add(new StudyRun(t.seconds(), t.flops(), e.robustAccuracyPct()));
      }
    }
    List<TuningCostRow> out = new ArrayList<>();
    for (Map.Entry<StudyKey, Map<String, List<StudyRun>>> study : studies.entrySet()) {
      Map<String, List<StudyRun>> configurations = study.getValue();
      if (configurations.size() < 2) {
        continue;
      }
      String chosen = null;
      double best = Double.NEGATIVE_INFINITY;
      double seconds = 0;
      double flops = 0;
      int count = 0;
      for (Map.Entry<String, List<StudyRun>> c : configurations.entrySet()) {
        double robust = c.getValue().stream().mapToDouble(StudyRun::robustAccuracyPct).average().orElseThrow();
        if (robust > best) {
          best = robust;
          chosen = c.getKey();
        }
        for (StudyRun r : c.getValue()) {
          seconds += r.seconds();
          flops += r.flops();
          count++;
        }
      }
      List<StudyRun> picked = configurations.get(chosen);
      double chosenSeconds = picked.stream().mapToDouble(StudyRun::seconds).average().orElseThrow();
      double chosenFlops = picked.stream().mapToDouble(StudyRun::flops).average().orElseThrow();
      StudyKey key = study.getKey();
      out.add(new TuningCostRow(key.dataset(), key.architecture(), key.method(), key.hardware(), String.join(", ", configurations.keySet()), count,
          chosen, best, "highest mean " + SELECTION_SUITE + " robust accuracy of the last checkpoint over the configuration's runs",
          seconds, flops, chosenSeconds, chosenFlops, seconds / chosenSeconds, flops / chosenFlops));
    }
    return PipelineTables.TUNING_COST.dataset(spark, out);
  }

  /** One run of a study: its training totals and its last checkpoint's robust accuracy. */
  private record StudyRun(double seconds, double flops, double robustAccuracyPct) {}

  /** The runs of one study: one method on one dataset, model and machine. */
  private record StudyKey(String dataset, String architecture, String method, String hardware) {}
}
