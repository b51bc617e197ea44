package robustperf.train.loop;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import robustperf.train.attack.EpsBall;
import robustperf.train.attack.NoiseFgsm;
import robustperf.train.attack.Pgd;
import robustperf.train.method.FreeTraining;
import robustperf.train.method.Objective;
import robustperf.train.method.ObjectiveStep;
import robustperf.train.method.Objectives;
import robustperf.train.method.TrainingMethod;

/**
 * The papers' default recipes (../shared/reference/README.md), scaled to the threat model's eps:
 * <ul>
 *   <li>pgd: K = {@code steps} (required); step eps/4 for K >= 7 (2/255 at 8/255, Madry/Rice),
 *       Madry's 2.5 eps / K for shorter attacks so they still reach the boundary; uniform start;
 *   <li>fgsm-rs: step 1.25 eps, uniform start (Wong et al. 2020);
 *   <li>n-fgsm: noise 2 eps, step eps, no projection (de Jorge et al. 2022);
 *   <li>trades: beta 6, 10 steps of eps * 0.007/0.031 from x + 0.001 N(0, 1) (Zhang et al.);
 *   <li>mart: beta 6, the same attack on cross-entropy (Wang et al.);
 *   <li>free: m = 8 replays, step eps (Shafahi et al.);
 *   <li>any adversarial method: awp_gamma (0.01 with PGD, 0.005 with TRADES in Wu et al.), off by default.
 * </ul>
 */
public final class Recipes {
  /** Method names. */
  public static final List<String> METHODS = List.of("standard", "pgd", "fgsm-rs", "n-fgsm", "trades", "mart", "free");

  private static final double TRADES_STEP_RATIO = 0.007 / 0.031;

  private Recipes() {}

  /**
   * @param method method name
   * @param parameters its hyperparameters as given; unknown keys are refused
   * @param ball the threat model
   * @return the method
   */
  public static TrainingMethod method(String method, Map<String, String> parameters, EpsBall ball) {
    Set<String> unused = new HashSet<>(parameters.keySet());
    double eps = ball.eps();
    double awp = number(parameters, "awp_gamma", 0, unused);
    TrainingMethod built =
        switch (method) {
          case "standard" -> new ObjectiveStep(Objectives.standard(), 0);
          case "pgd" -> {
            int steps = (int) number(parameters, "steps", Double.NaN, unused);
            double step = number(parameters, "step_size", steps >= 7 ? eps / 4 : 2.5 * eps / steps, unused);
            yield new ObjectiveStep(Objectives.adversarial(new Pgd(ball, steps, step, Pgd.Start.UNIFORM)), awp);
          }
          case "fgsm-rs" -> {
            double step = number(parameters, "step_size", 1.25 * eps, unused);
            yield new ObjectiveStep(Objectives.adversarial(new Pgd(ball, 1, step, Pgd.Start.UNIFORM)), awp);
          }
          case "n-fgsm" -> {
            double noise = number(parameters, "noise", 2 * eps, unused);
            yield new ObjectiveStep(Objectives.adversarial(new NoiseFgsm(ball, noise)), awp);
          }
          case "trades", "mart" -> {
            double beta = number(parameters, "beta", 6, unused);
            int steps = (int) number(parameters, "steps", 10, unused);
            double step = number(parameters, "step_size", eps * TRADES_STEP_RATIO, unused);
            Pgd attack = new Pgd(ball, steps, step, Pgd.Start.SMALL_GAUSSIAN);
            Objective objective = method.equals("trades") ? Objectives.trades(attack, beta) : Objectives.mart(attack, beta);
            yield new ObjectiveStep(objective, awp);
          }
          case "free" -> {
            if (awp > 0) {
              throw new IllegalArgumentException("free: AWP is not defined for Free AT's replays");
            }
            yield new FreeTraining(ball, (int) number(parameters, "replays", 8, unused));
          }
          default -> throw new IllegalArgumentException("unknown method '" + method + "': expected one of " + METHODS);
        };
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException("method " + method + " does not take " + unused);
    }
    return built;
  }

  private static double number(Map<String, String> parameters, String key, double fallback, Set<String> unused) {
    unused.remove(key);
    String text = parameters.get(key);
    if (text == null) {
      if (Double.isNaN(fallback)) {
        throw new IllegalArgumentException("method parameter '" + key + "' is required");
      }
      return fallback;
    }
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value) || value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("method parameter '" + key + "' must be a number >= 0, got '" + text + "'");
    }
  }
}
