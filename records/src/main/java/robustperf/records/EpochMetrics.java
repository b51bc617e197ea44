package robustperf.records;

import java.util.List;
import java.util.Map;

/**
 * What one training epoch did and cost.
 *
 * @param runId the run
 * @param epoch 1-based epoch number
 * @param learningRate learning rate at the end of the epoch
 * @param trainLoss mean training loss over the epoch (of the method's objective)
 * @param cleanAccuracyPct clean accuracy on the evaluation subset, percent
 * @param robustAccuracyPct robust accuracy on the evaluation subset, percent
 * @param robustAttack the attack that measured it, e.g. "apgd-ce-10-heldout" or "pgd-10-heldout"; a monitor is
 *     never full AutoAttack, and its name says so
 * @param evalN number of evaluation examples behind both accuracies
 * @param wallSeconds wall-clock seconds of the epoch's training (evaluation excluded)
 * @param examplesPerSecond training examples processed per wall second
 * @param trainingFlops FLOPs of all the epoch's training passes, the attack's included (the
 *     full cost of the epoch)
 * @param attackFlops the part of trainingFlops spent crafting adversarial examples (the attack's
 *     forward and input-gradient passes)
 * @param energy energy per component over the epoch
 * @param co2Kg kg CO2-equivalent of the epoch's energy
 * @param usd cost of the epoch in US dollars
 * @param missing snake_case column name to the reason it is null
 */
public record EpochMetrics(
    String runId,
    int epoch,
    double learningRate,
    Double trainLoss,
    Double cleanAccuracyPct,
    Double robustAccuracyPct,
    String robustAttack,
    Integer evalN,
    double wallSeconds,
    double examplesPerSecond,
    Double trainingFlops,
    Double attackFlops,
    List<EnergyReading> energy,
    Double co2Kg,
    Double usd,
    Map<String, String> missing) {

  public EpochMetrics {
    PathSafeId.check("run id", runId);
    if (epoch < 1) {
      throw new IllegalArgumentException("run " + runId + ": epoch must be >= 1, got " + epoch);
    }
    MissingValues.finite("learning_rate", learningRate);
    if (!(wallSeconds >= 0) || !(examplesPerSecond >= 0)) {
      throw new IllegalArgumentException(
          "run " + runId + " epoch " + epoch + ": wall_seconds and examples_per_second must be >= 0");
    }
    missing = MissingValues.copy(missing);
    MissingValues.check(missing, "train_loss", trainLoss);
    MissingValues.check(missing, "clean_accuracy_pct", cleanAccuracyPct);
    MissingValues.check(missing, "robust_accuracy_pct", robustAccuracyPct);
    MissingValues.percent("clean_accuracy_pct", cleanAccuracyPct);
    MissingValues.percent("robust_accuracy_pct", robustAccuracyPct);
    MissingValues.check(missing, "eval_n", evalN);
    MissingValues.check(missing, "training_flops", trainingFlops);
    MissingValues.check(missing, "attack_flops", attackFlops);
    MissingValues.check(missing, "co2_kg", co2Kg);
    MissingValues.check(missing, "usd", usd);
    if (robustAccuracyPct != null && (robustAttack == null || robustAttack.isBlank())) {
      throw new IllegalArgumentException("robust_accuracy_pct needs the robust_attack that measured it");
    }
    energy = energy == null ? List.of() : List.copyOf(energy);
  }
}
