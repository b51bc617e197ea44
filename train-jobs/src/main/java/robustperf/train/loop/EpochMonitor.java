package robustperf.train.loop;

import java.util.Arrays;
import robustperf.records.EvaluationResult;
import robustperf.train.attack.EpsBall;
import robustperf.train.attack.Pgd;
import robustperf.train.data.ImageDataset;
import robustperf.train.model.Network;

/**
 * The robust-accuracy monitor run on the held-out images after every epoch to pick the best
 * checkpoint. Its id goes into every epoch record, so that a monitor figure is never read as a
 * full evaluation (AutoAttack or the final PGD-20).
 */
public enum EpochMonitor {
  /** PGD-10, step eps/4, uniform start. */
  PGD_10("pgd-10", "pgd-10-heldout"),
  /** APGD-CE with 10 iterations: as cheap as PGD-10, with AutoAttack's step-size rule. */
  APGD_CE_10("apgd-ce-10", "apgd-ce-10-heldout");

  private final String name;
  private final String id;

  EpochMonitor(String name, String id) {
    this.name = name;
    this.id = id;
  }

  /** @return the name a grid file gives, e.g. "apgd-ce-10" */
  public String configName() {
    return name;
  }

  /** @return the id written to epoch records, e.g. "apgd-ce-10-heldout" */
  public String id() {
    return id;
  }

  /**
   * @param name a grid file's value
   * @return the monitor of that name
   * @throws IllegalArgumentException naming the monitors there are
   */
  public static EpochMonitor parse(String name) {
    return Arrays.stream(values())
        .filter(m -> m.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "monitor must be one of " + Arrays.stream(values()).map(m -> m.name).toList() + ", got '" + name + "'"));
  }

  /**
   * @param evaluator the network, in evaluation mode (its passes are not training cost)
   * @param heldOut the held-out images, all of which are used
   * @param ball the threat model
   * @param batchSize batch size
   * @param seed seed of the random starts (APGD sets the engine's seed with it)
   * @return clean and robust accuracy on the held-out images
   */
  Evaluation.Accuracy measure(Network evaluator, ImageDataset heldOut, EpsBall ball, int batchSize, long seed) {
    return switch (this) {
      case PGD_10 -> Evaluation.of(evaluator, heldOut, heldOut.size(), new Pgd(ball, 10, ball.eps() / 4, Pgd.Start.UNIFORM), batchSize);
      case APGD_CE_10 -> {
        long start = System.nanoTime();
        AutoAttackEvaluation.Outcome outcome = AutoAttackEvaluation.of(evaluator, heldOut, heldOut.size(), ball,
            AutoAttackEvaluation.APGD_CE_ONLY, new AutoAttackEvaluation.Settings(10, 1, batchSize, seed));
        int robust = (int) outcome.status().stream().filter(EvaluationResult.ROBUST::equals).count();
        yield new Evaluation.Accuracy(outcome.n(), outcome.clean(), robust, (System.nanoTime() - start) / 1e9);
      }
    };
  }
}
