package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
    List<Row> runs =
        RunTrainingTotals.of(epochs)
            .join(manifests.select(
                col("run_id"), col("dataset"), col("architecture"), col("method"),
                expr("concat_ws(' / ', coalesce(hardware.gpu_model, 'no GPU'), hardware.cpu_model)").as("hardware"),
                ConfigurationColumn.of().as("configuration")), "run_id")
            .join(evaluations.filter(col("checkpoint").equalTo("last").and(col("attack_suite").equalTo(SELECTION_SUITE)))
                .select(col("run_id"), col("robust_accuracy_pct")), "run_id")
            .orderBy("run_id")
            .collectAsList();
    Map<StudyKey, Map<String, List<Row>>> studies = new LinkedHashMap<>();
    for (Row r : runs) {
      StudyKey key = new StudyKey(r.getAs("dataset"), r.getAs("architecture"), r.getAs("method"), r.getAs("hardware"));
      studies.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(r.getAs("configuration"), k -> new ArrayList<>()).add(r);
    }
    List<TuningCostRow> out = new ArrayList<>();
    for (Map.Entry<StudyKey, Map<String, List<Row>>> study : studies.entrySet()) {
      Map<String, List<Row>> configurations = study.getValue();
      if (configurations.size() < 2) {
        continue;
      }
      String chosen = null;
      double best = Double.NEGATIVE_INFINITY;
      double seconds = 0;
      double flops = 0;
      int count = 0;
      for (Map.Entry<String, List<Row>> c : configurations.entrySet()) {
        double robust = c.getValue().stream().mapToDouble(r -> r.<Double>getAs("robust_accuracy_pct")).average().orElseThrow();
        if (robust > best) {
          best = robust;
          chosen = c.getKey();
        }
        for (Row r : c.getValue()) {
          seconds += r.<Double>getAs("seconds");
          flops += r.<Double>getAs("flops");
          count++;
        }
      }
      List<Row> picked = configurations.get(chosen);
      double chosenSeconds = picked.stream().mapToDouble(r -> r.<Double>getAs("seconds")).average().orElseThrow();
      double chosenFlops = picked.stream().mapToDouble(r -> r.<Double>getAs("flops")).average().orElseThrow();
      StudyKey key = study.getKey();
      out.add(new TuningCostRow(key.dataset(), key.architecture(), key.method(), key.hardware(), String.join(", ", configurations.keySet()), count,
          chosen, best, "highest mean " + SELECTION_SUITE + " robust accuracy of the last checkpoint over the configuration's runs",
          seconds, flops, chosenSeconds, chosenFlops, seconds / chosenSeconds, flops / chosenFlops));
    }
    return PipelineTables.TUNING_COST.dataset(spark, out);
  }

  /** The runs of one study: one method on one dataset, model and machine. */
  private record StudyKey(String dataset, String architecture, String method, String hardware) {}
}
