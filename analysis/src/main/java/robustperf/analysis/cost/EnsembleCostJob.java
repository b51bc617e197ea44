package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.Checkpoint;
import robustperf.records.KeptCheckpoint;
import robustperf.records.RunManifest;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.EnsembleRow;

/**
 * Spark job: each logit-averaging ensemble beside its members. Its training cost is the sum of
 * its members' (it trains nothing itself), its inference cost per image the sum of their forward
 * passes, and its accuracies, measured by attacking the ensemble as one model, stand beside the
 * members' under the same suite and checkpoint. Where the ensemble and its members were
 * benchmarked ({@code robustperf bench-inference}, FP32, same device), their measured batch-1
 * latency and throughput stand beside each other too.
 */
public final class EnsembleCostJob {
  /**
   * @param spark the session
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @param evaluations the evaluation table
   * @param inference the inference_benchmark table
   * @return one row per ensemble and attack suite it was evaluated under
   */
  public Dataset<Row> apply(
      SparkSession spark, Dataset<Row> manifests, Dataset<Row> epochs, Dataset<Row> evaluations, Dataset<Row> inference) {
    Map<String, List<Row>> benchmarks = new HashMap<>();
    for (Row b : inference.filter("precision = 'fp32'")
        .select("run_id", "device", "batch_size", "latency_p50_ms", "throughput_images_per_second").collectAsList()) {
      benchmarks.computeIfAbsent(b.getAs("run_id"), k -> new ArrayList<>()).add(b);
    }
    Map<String, Row> manifestById = new HashMap<>();
    for (Row m : manifests.select("run_id", "method", "hyperparameters").collectAsList()) {
      manifestById.put(m.getAs("run_id"), m);
    }
    Map<String, Row> training = new HashMap<>();
    for (Row t : RunTrainingTotals.of(epochs).collectAsList()) {
      training.put(t.getAs("run_id"), t);
    }
    List<Row> evaluated = evaluations.select(col("run_id"), col("checkpoint"), col("checkpoint_epoch"), col("attack_suite"),
        col("n"), col("clean_accuracy_pct"), col("robust_accuracy_pct")).collectAsList();

    List<EnsembleRow> out = new ArrayList<>();
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
      double inferenceFlops = 0;
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
          inferenceFlops += Double.parseDouble(forward);
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
                && checkpoint.equals(new KeptCheckpoint(Checkpoint.valueOf(r.getAs("checkpoint")), r.getAs("checkpoint_epoch")).label()))
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
        Measured measured = Measured.of(id, members, benchmarks);
        out.add(new EnsembleRow(id, members.size(), hp.get("member_methods"), suite, e.getAs("n"),
            e.getAs("clean_accuracy_pct"), e.getAs("robust_accuracy_pct"), memberEvals.size(), cleanMean, robustMean, robustBest,
            complete ? seconds : null, complete ? flops : null, complete ? seconds / members.size() : null,
            gaps.isEmpty() ? inferenceFlops : null, reasons.isEmpty() ? null : String.join("; ", reasons),
            measured.device(), measured.latency(), measured.membersLatency(), measured.throughput(), measured.membersThroughput(),
            measured.missing()));
      }
    }
    return PipelineTables.ENSEMBLES.dataset(spark, out);
  }

  /** Measured FP32 inference of an ensemble and its members on one device, or why there is none. */
  private record Measured(String device, Double latency, Double membersLatency, Double throughput, Double membersThroughput,
      String missing) {
    static Measured of(String ensemble, List<String> members, Map<String, List<Row>> benchmarks) {
      List<Row> own = benchmarks.get(ensemble);
      if (own == null) {
        return new Measured(null, null, null, null, null, "the ensemble has no FP32 inference benchmark (robustperf bench-inference)");
      }
      String device = own.get(0).getAs("device");
      List<String> gaps = new ArrayList<>();
      double latencySum = 0;
      double throughputSum = 0;
      for (String member : members) {
        Row[] pair = pair(benchmarks.get(member), device);
        if (pair[0] == null || pair[1] == null) {
          gaps.add(member + " has no FP32 batch-1 and throughput benchmark on " + device);
        } else {
          latencySum += pair[0].<Double>getAs("latency_p50_ms");
          throughputSum += pair[1].<Double>getAs("throughput_images_per_second");
        }
      }
      Row[] mine = pair(own, device);
      return new Measured(device, mine[0] == null ? null : mine[0].getAs("latency_p50_ms"),
          gaps.isEmpty() ? latencySum / members.size() : null, mine[1] == null ? null : mine[1].getAs("throughput_images_per_second"),
          gaps.isEmpty() ? throughputSum / members.size() : null, gaps.isEmpty() ? null : String.join("; ", gaps));
    }

    /** The batch-1 record and the largest-batch record on a device. */
    private static Row[] pair(List<Row> rows, String device) {
      Row single = null;
      Row largest = null;
      for (Row r : rows == null ? List.<Row>of() : rows) {
        if (!device.equals(r.getAs("device"))) {
          continue;
        }
        if (r.<Integer>getAs("batch_size") == 1 && r.getAs("latency_p50_ms") != null) {
          single = r;
        } else if (r.getAs("throughput_images_per_second") != null
            && (largest == null || r.<Integer>getAs("batch_size") > largest.<Integer>getAs("batch_size"))) {
          largest = r;
        }
      }
      return new Row[] {single, largest};
    }
  }
}
