package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import robustperf.records.RunManifest;

/**
 * Spark job: each logit-averaging ensemble beside its members. Its training cost is the sum of
 * its members' (it trains nothing itself), its inference cost per image the sum of their forward
 * passes, and its accuracies, measured by attacking the ensemble as one model, stand beside the
 * members' under the same suite and checkpoint.
 */
public final class EnsembleCostJob {
  static final StructType SCHEMA =
      new StructType()
          .add("ensemble_id", DataTypes.StringType)
          .add("members", DataTypes.IntegerType)
          .add("member_methods", DataTypes.StringType)
          .add("attack_suite", DataTypes.StringType)
          .add("n", DataTypes.IntegerType)
          .add("clean_accuracy_pct", DataTypes.DoubleType)
          .add("robust_accuracy_pct", DataTypes.DoubleType)
          .add("members_evaluated", DataTypes.IntegerType)
          .add("members_clean_mean_pct", DataTypes.DoubleType, true)
          .add("members_robust_mean_pct", DataTypes.DoubleType, true)
          .add("members_robust_best_pct", DataTypes.DoubleType, true)
          .add("training_seconds", DataTypes.DoubleType, true)
          .add("training_flops", DataTypes.DoubleType, true)
          .add("member_training_seconds_mean", DataTypes.DoubleType, true)
          .add("inference_flops_per_image", DataTypes.DoubleType, true)
          .add("missing_reason", DataTypes.StringType, true);

  /**
   * @param spark the session
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @param evaluations the evaluation table
   * @return one row per ensemble and attack suite it was evaluated under
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> manifests, Dataset<Row> epochs, Dataset<Row> evaluations) {
    Map<String, Row> manifestById = new HashMap<>();
    for (Row m : manifests.select("run_id", "method", "hyperparameters").collectAsList()) {
      manifestById.put(m.getAs("run_id"), m);
    }
    Map<String, Row> training = new HashMap<>();
    for (Row t : RunTrainingTotals.of(epochs).collectAsList()) {
      training.put(t.getAs("run_id"), t);
    }
    List<Row> evaluated = evaluations.select(col("run_id"), col("checkpoint"), col("attack_suite"), col("n"),
        col("clean_accuracy_pct"), col("robust_accuracy_pct")).collectAsList();

    List<Row> out = new ArrayList<>();
    for (Row ensemble : manifestById.values()) {
      if (!RunManifest.ENSEMBLE_METHOD.equals(ensemble.getAs("method"))) {
        continue;
      }
      String id = ensemble.getAs("run_id");
      Map<String, String> hp = ensemble.getJavaMap(ensemble.fieldIndex("hyperparameters"));
      List<String> members = Arrays.asList(hp.get("members").split(","));
      String checkpoint = hp.get("member_checkpoint");
      double seconds = 0;
      double flops = 0;
      double inference = 0;
      List<String> gaps = new ArrayList<>();
      for (String member : members) {
        Row t = training.get(member);
        Row m = manifestById.get(member);
        if (t == null) {
          gaps.add(member + " has no epoch records");
        } else {
          seconds += t.<Double>getAs("seconds");
          flops += t.getAs("flops") == null ? Double.NaN : t.<Double>getAs("flops");
        }
        String forward = m == null ? null : m.<String, String>getJavaMap(m.fieldIndex("hyperparameters")).get("forward_flops_per_image");
        if (forward == null) {
          gaps.add(member + " has no forward FLOPs in its manifest");
        } else {
          inference += Double.parseDouble(forward);
        }
      }
      boolean complete = gaps.isEmpty() && !Double.isNaN(flops);
      for (Row e : evaluated) {
        if (!id.equals(e.getAs("run_id"))) {
          continue;
        }
        String suite = e.getAs("attack_suite");
        List<Row> memberEvals = evaluated.stream()
            .filter(r -> members.contains(r.<String>getAs("run_id")) && suite.equals(r.getAs("attack_suite"))
                && checkpoint.equals(r.getAs("checkpoint")))
            .toList();
        Double cleanMean = memberEvals.isEmpty() ? null
            : memberEvals.stream().mapToDouble(r -> r.<Double>getAs("clean_accuracy_pct")).average().orElseThrow();
        Double robustMean = memberEvals.isEmpty() ? null
            : memberEvals.stream().mapToDouble(r -> r.<Double>getAs("robust_accuracy_pct")).average().orElseThrow();
        Double robustBest = memberEvals.isEmpty() ? null
            : memberEvals.stream().mapToDouble(r -> r.<Double>getAs("robust_accuracy_pct")).max().orElseThrow();
        List<String> reasons = new ArrayList<>(gaps);
        if (memberEvals.size() < members.size()) {
          reasons.add((members.size() - memberEvals.size()) + " member(s) not evaluated under " + suite + " (" + checkpoint + ")");
        }
        out.add(RowFactory.create(id, members.size(), hp.get("member_methods"), suite, e.getAs("n"),
            e.getAs("clean_accuracy_pct"), e.getAs("robust_accuracy_pct"), memberEvals.size(), cleanMean, robustMean, robustBest,
            complete ? seconds : null, complete ? flops : null, complete ? seconds / members.size() : null,
            gaps.isEmpty() ? inference : null, reasons.isEmpty() ? null : String.join("; ", reasons)));
      }
    }
    return spark.createDataFrame(out, SCHEMA).orderBy("ensemble_id", "attack_suite");
  }
}
