package robustperf.analysis.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.Checkpoint;
import robustperf.records.EnergyTotal;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.RunManifest;
import robustperf.records.catalog.Catalogs;
import robustperf.records.catalog.Price;
import robustperf.records.catalog.PueSetting;
import robustperf.records.cost.CostModel;
import robustperf.records.cost.Range;
import robustperf.tables.PipelineTables;
import robustperf.tables.cost.TimeToTargetRow;

/**
 * Spark job: time to target accuracy (the DAWNBench metric) for every run and target. Per run,
 * the wall time, FLOPs, energy and the electricity's USD until the monitored accuracy first
 * reached the target ({@link TimeToTarget}); a run that never did says so, with its best. The
 * monitor is a cheap attack on held-out images, so a crossing is confirmed where a full evaluation
 * of that epoch's checkpoint exists (the last checkpoint; the best one, as training keeps the first
 * epoch with the highest monitored robust accuracy; or, in a run that keeps every epoch's, that
 * epoch's own); where the checkpoint was not kept the row says so.
 */
public final class TimeToTargetJob {
  /**
   * @param metric "robust" or "clean": which monitored accuracy
   * @param pct the level to reach, percent
   */
  public record Target(String metric, double pct) {
    public Target {
      if (!metric.equals("robust") && !metric.equals("clean") || !(pct > 0 && pct <= 100)) {
        throw new IllegalArgumentException("a target is robust or clean, in (0, 100] percent: " + metric + " " + pct);
      }
    }
  }

  /**
   * @param targets the targets
   * @param catalogs the catalogs (PUE and the electricity price)
   * @param pueSetting the PUE row to apply
   */
  public record Options(List<Target> targets, Catalogs catalogs, String pueSetting) {
    public Options {
      targets = List.copyOf(targets);
    }

    /**
     * Targets for the embedded Fashion-MNIST runs (Linf 0.1: standard training reaches about 89%
     * clean, adversarial training 60-68% robust on the monitor) and the default PUE.
     *
     * @param catalogs the catalogs
     * @return the options
     */
    public static Options defaults(Catalogs catalogs) {
      return new Options(
          List.of(new Target("robust", 50), new Target("robust", 60), new Target("robust", 65),
              new Target("clean", 75), new Target("clean", 80), new Target("clean", 85)),
          catalogs, RunCostJob.Options.defaults(catalogs).pueSetting());
    }
  }

  private final Options options;

  public TimeToTargetJob(Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param manifests the run_manifest table
   * @param epochs the epoch_metrics table
   * @param evaluations the evaluation table
   * @return one row per run and target
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> manifests, Dataset<Row> epochs, Dataset<Row> evaluations) {
    Catalogs c = options.catalogs();
    PueSetting pue = c.pue(options.pueSetting());
    Price electricity = c.electricityPrice();
    String sources = "PUE " + pue.pue() + ": " + pue.source().described()
        + (electricity == null ? " | no electricity price" : " | " + electricity.item() + ": " + electricity.source().described());

    Map<String, List<EpochMetrics>> byRun = new LinkedHashMap<>();
    PipelineTables.EPOCH_METRICS.fromRows(epochs).stream()
        .sorted(Comparator.comparing(EpochMetrics::runId).thenComparingInt(EpochMetrics::epoch))
        .forEach(r -> byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r));
    Map<String, RunManifest> runs = new LinkedHashMap<>();
    PipelineTables.RUN_MANIFEST.fromRows(manifests).forEach(m -> runs.put(m.runId(), m));
    Map<String, List<EvaluationResult>> evaluationsByRun = new LinkedHashMap<>();
    PipelineTables.EVALUATION.fromRows(evaluations).forEach(e -> evaluationsByRun.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(e));

    List<TimeToTargetRow> out = new ArrayList<>();
    for (Map.Entry<String, List<EpochMetrics>> run : byRun.entrySet()) {
      RunManifest manifest = runs.get(run.getKey());
      if (manifest == null) {
        continue; // an epoch without its manifest is reported by the ingest, not costed here
      }
      int lastEpoch = run.getValue().stream().mapToInt(EpochMetrics::epoch).max().orElseThrow();
      int bestEpoch = bestEpoch(run.getValue());
      List<EvaluationResult> runEvaluations = evaluationsByRun.getOrDefault(run.getKey(), List.of());
      boolean everyEpochKept = runEvaluations.stream().anyMatch(e -> e.checkpoint() == Checkpoint.epoch);
      Map<String, Map<Integer, EvaluationResult>> evaluationsByMetric = new LinkedHashMap<>(); // robust and clean choose differently
      for (Target target : options.targets()) {
        Function<EpochMetrics, Double> monitored =
            target.metric().equals("robust") ? EpochMetrics::robustAccuracyPct : EpochMetrics::cleanAccuracyPct;
        Function<EvaluationResult, Double> evaluated =
            target.metric().equals("robust") ? EvaluationResult::robustAccuracyPct : EvaluationResult::cleanAccuracyPct;
        List<TimeToTarget.Epoch> history = run.getValue().stream()
            .map(r -> {
              EnergyTotal energy = EnergyTotal.of(r.energy());
              return new TimeToTarget.Epoch(r.epoch(), monitored.apply(r), r.wallSeconds(),
                  r.trainingFlops() == null ? 0.0 : r.trainingFlops(), energy.kwh(), energy.missingReason());
            })
            .sorted(Comparator.comparingInt(TimeToTarget.Epoch::epoch))
            .toList();
        TimeToTarget.Crossing crossing = TimeToTarget.first(history, target.pct());
        Range usd = crossing.kwh() == null || electricity == null ? null : CostModel.energyUsd(crossing.kwh(), pue.pue(), electricity);
        String monitor = target.metric().equals("robust") ? run.getValue().get(0).robustAttack() : "clean, held-out images";
        String confirmedBy = null;
        Double confirmedPct = null;
        Boolean confirmed = null;
        String reason = crossing.reason();
        if (crossing.epoch() != null) {
          EvaluationResult evaluation = evaluationsByMetric
              .computeIfAbsent(target.metric(), metric -> byEpoch(runEvaluations, bestEpoch, lastEpoch, metric))
              .get(crossing.epoch());
          if (evaluation != null) {
            String which = evaluation.checkpoint() == Checkpoint.epoch ? "epoch " + crossing.epoch() + " checkpoint"
                : evaluation.checkpoint() + " checkpoint (epoch " + crossing.epoch() + ")";
            confirmedBy = evaluation.attackSuite() + " on " + evaluation.n() + " test images, " + which;
            confirmedPct = evaluated.apply(evaluation);
            confirmed = confirmedPct >= target.pct();
          } else {
            String why = everyEpochKept || crossing.epoch() == lastEpoch || crossing.epoch() == bestEpoch
                ? "no full evaluation of epoch " + crossing.epoch() + "'s checkpoint"
                : "epoch " + crossing.epoch() + "'s checkpoint was not kept (only the best, epoch " + bestEpoch
                    + ", and the last are; keep_every_epoch keeps them all)";
            reason = reason == null ? "not confirmed: " + why : reason + "; not confirmed: " + why;
          }
        }
        out.add(new TimeToTargetRow(
            run.getKey(), manifest.dataset(), manifest.architecture(), manifest.method(),
            target.metric(), monitor, target.pct(), crossing.epoch() != null, crossing.epoch(), crossing.seconds(),
            crossing.flops(), crossing.kwh(), usd == null ? null : usd.low(), usd == null ? null : usd.high(), reason,
            confirmedBy, confirmedPct, confirmed, sources));
      }
    }
    return PipelineTables.TIME_TO_TARGET.dataset(spark, out);
  }

  /**
   * A run's full evaluations by the epoch of the checkpoint evaluated: an epoch checkpoint's own,
   * the last checkpoint's at the last epoch, the best one's at the best epoch. Where one epoch has
   * several: for robust accuracy the strongest suite (AutoAttack before PGD-20), then the most test
   * images; for clean accuracy the most images (no attack is involved), then the strongest suite;
   * then the last checkpoint's before the best one's (the same weights when the best epoch is the
   * last), so the choice never depends on row order.
   */
  static Map<Integer, EvaluationResult> byEpoch(List<EvaluationResult> evaluations, int bestEpoch, int lastEpoch, String metric) {
    Comparator<EvaluationResult> strength = Comparator.comparingInt(TimeToTargetJob::rank);
    Comparator<EvaluationResult> images = Comparator.comparingInt(EvaluationResult::n);
    Comparator<EvaluationResult> preference = (metric.equals("robust") ? strength.thenComparing(images) : images.thenComparing(strength))
        .thenComparingInt(e -> switch (e.checkpoint()) {
          case last -> 2;
          case best -> 1;
          default -> 0;
        });
    Map<Integer, EvaluationResult> out = new LinkedHashMap<>();
    for (EvaluationResult e : evaluations) {
      Integer epoch = switch (e.checkpoint()) {
        case best -> bestEpoch;
        case last -> lastEpoch;
        default -> e.checkpointEpoch();
      };
      out.merge(epoch, e, (a, b) -> preference.compare(b, a) > 0 ? b : a);
    }
    return out;
  }

  /** The epoch whose checkpoint training kept as best: the first with the highest monitored robust accuracy. */
  static int bestEpoch(List<EpochMetrics> epochs) {
    int best = -1;
    double bestRobust = -1;
    for (EpochMetrics r : epochs.stream().sorted(Comparator.comparingInt(EpochMetrics::epoch)).toList()) {
      Double robust = r.robustAccuracyPct();
      if (robust != null && robust > bestRobust) {
        bestRobust = robust;
        best = r.epoch();
      }
    }
    return best;
  }

  private static int rank(EvaluationResult evaluation) {
    String suite = evaluation.attackSuite();
    return suite.startsWith("autoattack-") ? 2 : suite.equals("pgd-20") ? 1 : 0;
  }
}
