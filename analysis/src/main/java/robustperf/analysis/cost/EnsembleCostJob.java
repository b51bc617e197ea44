package robustperf.analysis.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.EvaluationResult;
import robustperf.records.InferenceBenchmark;
import robustperf.records.KeptCheckpoint;
import robustperf.records.Precision;
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
    Map<String, List<InferenceBenchmark>> benchmarks = new HashMap<>();
    for (InferenceBenchmark b : PipelineTables.INFERENCE_BENCHMARK.fromRows(inference)) {
      if (b.precision() == Precision.fp32) {
        benchmarks.computeIfAbsent(b.runId(), k -> new ArrayList<>()).add(b);
      }
    }
    Map<String, RunManifest> manifestById = new HashMap<>();
    PipelineTables.RUN_MANIFEST.fromRows(manifests).forEach(m -> manifestById.put(m.runId(), m));
    Map<String, RunTrainingTotals> training = new HashMap<>();
    RunTrainingTotals.byRun(epochs).forEach(t -> training.put(t.runId(), t));
    List<EvaluationResult> evaluated = PipelineTables.EVALUATION.fromRows(evaluations);

    List<EnsembleRow> out = new ArrayList<>();
    for (RunManifest ensemble : manifestById.values()) {
      if (!RunManifest.ENSEMBLE_METHOD.equals(ensemble.method())) {
        continue;
      }
      String id = ensemble.runId();
      Map<String, String> hp = ensemble.hyperparameters();
      List<String> members = Arrays.asList(hp.get("members").split(","));
      String checkpoint = hp.get("member_checkpoint");
      double seconds = 0;
      double flops = 0;
      double inferenceFlops = 0;
      List<String> gaps = new ArrayList<>();
      for (String member : members) {
        RunTrainingTotals t = training.get(member);
        RunManifest m = manifestById.get(member);
        if (t == null) {
          gaps.add(member + " has no epoch records");
        } else {
          seconds += t.seconds();
          flops += t.flops() == null ? Double.NaN : t.flops();
        }
        String forward = m == null ? null : m.hyperparameters().get("forward_flops_per_image");
        if (forward == null) {
          gaps.add(member + " has no forward FLOPs in its manifest");
        } else {
          inferenceFlops += Double.parseDouble(forward);
        }
      }
      boolean complete = gaps.isEmpty() && !Double.isNaN(flops);
      for (EvaluationResult e : evaluated) {
        if (!id.equals(e.runId())) {
          continue;
        }
        String suite = e.attackSuite();
        List<EvaluationResult> memberEvals = evaluated.stream()
            .filter(r -> members.contains(r.runId()) && suite.equals(r.attackSuite())
                && checkpoint.equals(new KeptCheckpoint(r.checkpoint(), r.checkpointEpoch()).label()))
            .toList();
        Double cleanMean = memberEvals.isEmpty() ? null
            : memberEvals.stream().mapToDouble(EvaluationResult::cleanAccuracyPct).average().orElseThrow();
        Double robustMean = memberEvals.isEmpty() ? null
            : memberEvals.stream().mapToDouble(EvaluationResult::robustAccuracyPct).average().orElseThrow();
        Double robustBest = memberEvals.isEmpty() ? null
            : memberEvals.stream().mapToDouble(EvaluationResult::robustAccuracyPct).max().orElseThrow();
        List<String> reasons = new ArrayList<>(gaps);
        if (memberEvals.size() < members.size()) {
          reasons.add((members.size() - memberEvals.size()) + " member(s) not evaluated under " + suite + " (" + checkpoint + ")");
        }
        Measured measured = Measured.of(id, members, benchmarks);
        out.add(new EnsembleRow(id, members.size(), hp.get("member_methods"), suite, e.n(),
            e.cleanAccuracyPct(), e.robustAccuracyPct(), memberEvals.size(), cleanMean, robustMean, robustBest,
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
    static Measured of(String ensemble, List<String> members, Map<String, List<InferenceBenchmark>> benchmarks) {
      List<InferenceBenchmark> own = benchmarks.get(ensemble);
      if (own == null) {
        return new Measured(null, null, null, null, null, "the ensemble has no FP32 inference benchmark (robustperf bench-inference)");
      }
      String device = own.get(0).device();
      List<String> gaps = new ArrayList<>();
      double latencySum = 0;
      double throughputSum = 0;
      for (String member : members) {
        Pair pair = Pair.of(benchmarks.get(member), device);
        if (pair.single() == null || pair.largest() == null) {
          gaps.add(member + " has no FP32 batch-1 and throughput benchmark on " + device);
        } else {
          latencySum += pair.single().latencyP50Ms();
          throughputSum += pair.largest().throughputImagesPerSecond();
        }
      }
      Pair mine = Pair.of(own, device);
      return new Measured(device, mine.single() == null ? null : mine.single().latencyP50Ms(),
          gaps.isEmpty() ? latencySum / members.size() : null, mine.largest() == null ? null : mine.largest().throughputImagesPerSecond(),
          gaps.isEmpty() ? throughputSum / members.size() : null, gaps.isEmpty() ? null : String.join("; ", gaps));
    }

  }

  /** The batch-1 record and the largest-batch record of a run on a device. */
  private record Pair(InferenceBenchmark single, InferenceBenchmark largest) {
    static Pair of(List<InferenceBenchmark> rows, String device) {
      InferenceBenchmark single = null;
      InferenceBenchmark largest = null;
      for (InferenceBenchmark r : rows == null ? List.<InferenceBenchmark>of() : rows) {
        if (!device.equals(r.device())) {
          continue;
        }
        if (r.batchSize() == 1 && r.latencyP50Ms() != null) {
          single = r;
        } else if (r.throughputImagesPerSecond() != null && (largest == null || r.batchSize() > largest.batchSize())) {
          largest = r;
        }
      }
      return new Pair(single, largest);
    }
  }
}
