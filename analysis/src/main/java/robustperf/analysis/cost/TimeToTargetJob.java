package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

    Map<String, List<Row>> byRun = new LinkedHashMap<>();
    for (Row r : epochs.select(col("run_id"), col("epoch"), col("wall_seconds"), col("training_flops"), col("clean_accuracy_pct"),
            col("robust_accuracy_pct"), col("robust_attack"), EnergyTotalColumn.of(col("energy")).as("e"))
        .orderBy("run_id", "epoch").collectAsList()) {
      byRun.computeIfAbsent(r.getAs("run_id"), k -> new ArrayList<>()).add(r);
    }
    Map<String, Row> runs = new LinkedHashMap<>();
    for (Row m : manifests.select("run_id", "dataset", "architecture", "method").collectAsList()) {
      runs.put(m.getAs("run_id"), m);
    }
    Map<String, List<Row>> evaluationsByRun = new LinkedHashMap<>();
    for (Row e : evaluations.select("run_id", "checkpoint", "checkpoint_epoch", "attack_suite", "n", "clean_accuracy_pct",
            "robust_accuracy_pct").collectAsList()) {
      evaluationsByRun.computeIfAbsent(e.getAs("run_id"), k -> new ArrayList<>()).add(e);
    }

    List<TimeToTargetRow> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> run : byRun.entrySet()) {
      Row manifest = runs.get(run.getKey());
      if (manifest == null) {
        continue; // an epoch without its manifest is reported by the ingest, not costed here
      }
      int lastEpoch = run.getValue().stream().mapToInt(r -> r.<Integer>getAs("epoch")).max().orElseThrow();
      int bestEpoch = bestEpoch(run.getValue());
      List<Row> runEvaluations = evaluationsByRun.getOrDefault(run.getKey(), List.of());
      boolean everyEpochKept = runEvaluations.stream().anyMatch(e -> "epoch".equals(e.getAs("checkpoint")));
      Map<String, Map<Integer, Row>> evaluationsByMetric = new LinkedHashMap<>(); // robust and clean choose differently
      for (Target target : options.targets()) {
        String column = target.metric() + "_accuracy_pct";
        List<TimeToTarget.Epoch> history = run.getValue().stream()
            .map(r -> new TimeToTarget.Epoch(r.getAs("epoch"), r.getAs(column), r.getAs("wall_seconds"),
                r.getAs("training_flops") == null ? 0.0 : r.<Double>getAs("training_flops"),
                r.<Row>getAs("e").getAs("kwh"), r.<Row>getAs("e").getAs("missing_reason")))
            .sorted(Comparator.comparingInt(TimeToTarget.Epoch::epoch))
            .toList();
        TimeToTarget.Crossing crossing = TimeToTarget.first(history, target.pct());
        Range usd = crossing.kwh() == null || electricity == null ? null : CostModel.energyUsd(crossing.kwh(), pue.pue(), electricity);
        String monitor = target.metric().equals("robust") ? run.getValue().get(0).getAs("robust_attack") : "clean, held-out images";
        String confirmedBy = null;
        Double confirmedPct = null;
        Boolean confirmed = null;
        String reason = crossing.reason();
        if (crossing.epoch() != null) {
          Row evaluation = evaluationsByMetric
              .computeIfAbsent(target.metric(), metric -> byEpoch(runEvaluations, bestEpoch, lastEpoch, metric))
              .get(crossing.epoch());
          if (evaluation != null) {
            String which = "epoch".equals(evaluation.getAs("checkpoint")) ? "epoch " + crossing.epoch() + " checkpoint"
                : evaluation.getAs("checkpoint") + " checkpoint (epoch " + crossing.epoch() + ")";
            confirmedBy = evaluation.getAs("attack_suite") + " on " + evaluation.getAs("n") + " test images, " + which;
            confirmedPct = evaluation.getAs(column);
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
            run.getKey(), manifest.getAs("dataset"), manifest.getAs("architecture"), manifest.getAs("method"),
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
  static Map<Integer, Row> byEpoch(List<Row> evaluations, int bestEpoch, int lastEpoch, String metric) {
    Comparator<Row> strength = Comparator.comparingInt(TimeToTargetJob::rank);
    Comparator<Row> images = Comparator.comparingInt(e -> e.<Integer>getAs("n"));
    Comparator<Row> preference = (metric.equals("robust") ? strength.thenComparing(images) : images.thenComparing(strength))
        .thenComparingInt(e -> switch (e.<String>getAs("checkpoint")) {
          case "last" -> 2;
          case "best" -> 1;
          default -> 0;
        });
    Map<Integer, Row> out = new LinkedHashMap<>();
    for (Row e : evaluations) {
      String checkpoint = e.getAs("checkpoint");
      Integer epoch = switch (checkpoint) {
        case "best" -> bestEpoch;
        case "last" -> lastEpoch;
        default -> e.getAs("checkpoint_epoch");
      };
      out.merge(epoch, e, (a, b) -> preference.compare(b, a) > 0 ? b : a);
    }
    return out;
  }

  /** The epoch whose checkpoint training kept as best: the first with the highest monitored robust accuracy. */
  static int bestEpoch(List<Row> epochs) {
    int best = -1;
    double bestRobust = -1;
    for (Row r : epochs.stream().sorted(Comparator.comparingInt(r -> r.<Integer>getAs("epoch"))).toList()) {
      Double robust = r.getAs("robust_accuracy_pct");
      if (robust != null && robust > bestRobust) {
        bestRobust = robust;
        best = r.getAs("epoch");
      }
    }
    return best;
  }

  private static int rank(Row evaluation) {
    String suite = evaluation.getAs("attack_suite");
    return suite.startsWith("autoattack-") ? 2 : suite.equals("pgd-20") ? 1 : 0;
  }
}
