package robustperf.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import robustperf.train.attack.Attack;
import robustperf.train.attack.Pgd;
import robustperf.train.loss.Losses;
import robustperf.train.model.Network;

/** The objectives of the study: standard, adversarial cross-entropy, TRADES and MART. */
public final class Objectives {
  private Objectives() {}

  /** Standard training: cross-entropy on clean images. */
  public static Objective standard() {
    return new Objective() {
      @Override
      public NDArray craft(Network network, NDArray x, NDArray y) {
        return x;
      }

      @Override
      public NDArray loss(Network network, NDManager scope, NDArray x, NDArray crafted, NDArray y) {
        return Losses.crossEntropy(network.logits(Network.scoped(x, scope), true), Network.scoped(y, scope));
      }

      @Override
      public String name() {
        return "standard";
      }

      @Override
      public Map<String, String> hyperparameters() {
        return Map.of();
      }
    };
  }

  /**
   * Adversarial training on cross-entropy (Madry et al.; FGSM-RS and N-FGSM are its one-step
   * attacks). The attack's forward passes use batch-norm in training mode, as Madry's and Wong's
   * code do.
   *
   * @param attack the attack
   * @return the objective
   */
  public static Objective adversarial(Attack attack) {
    return new Objective() {
      @Override
      public NDArray craft(Network network, NDArray x, NDArray y) {
        return attack.perturb(x, network, logits -> Losses.crossEntropy(logits, y), true);
      }

      @Override
      public NDArray loss(Network network, NDManager scope, NDArray x, NDArray crafted, NDArray y) {
        return Losses.crossEntropy(
            network.logits(Network.scoped(crafted, scope), true), Network.scoped(y, scope));
      }

      @Override
      public String name() {
        return attack.name();
      }

      @Override
      public Map<String, String> hyperparameters() {
        return describe(attack);
      }
    };
  }

  /**
   * TRADES (Zhang et al. 2019): the attack maximizes KL(p_clean || p_adv) with batch-norm in
   * evaluation mode from x + 0.001 N(0, 1); the loss is {@link Losses#trades}.
   *
   * @param attack a PGD attack (the paper: 10 steps of 0.007 at eps 0.031)
   * @param beta the trade-off
   * @return the objective
   */
  public static Objective trades(Pgd attack, double beta) {
    return new Objective() {
      @Override
      public NDArray craft(Network network, NDArray x, NDArray y) {
        NDArray target = network.logits(x, false);
        network.countAttackForward(x.getShape().get(0));
        return attack.perturb(x, network, logits -> Losses.klPerExample(target, logits).sum(), false);
      }

      @Override
      public NDArray loss(Network network, NDManager scope, NDArray x, NDArray crafted, NDArray y) {
        return Losses.trades(
            network.logits(Network.scoped(x, scope), true),
            network.logits(Network.scoped(crafted, scope), true),
            Network.scoped(y, scope),
            beta);
      }

      @Override
      public String name() {
        return "trades";
      }

      @Override
      public Map<String, String> hyperparameters() {
        Map<String, String> h = describe(attack);
        h.put("beta", Double.toString(beta));
        return h;
      }
    };
  }

  /**
   * MART (Wang et al. 2020): a cross-entropy PGD attack with batch-norm in evaluation mode, then
   * {@link Losses#mart}.
   *
   * @param attack a PGD attack (the paper: 10 steps of 0.007 from x + 0.001 N(0, 1))
   * @param beta the weight of the robust term (the paper: 6)
   * @return the objective
   */
  public static Objective mart(Pgd attack, double beta) {
    return new Objective() {
      @Override
      public NDArray craft(Network network, NDArray x, NDArray y) {
        return attack.perturb(x, network, logits -> Losses.crossEntropy(logits, y), false);
      }

      @Override
      public NDArray loss(Network network, NDManager scope, NDArray x, NDArray crafted, NDArray y) {
        return Losses.mart(
            network.logits(Network.scoped(x, scope), true),
            network.logits(Network.scoped(crafted, scope), true),
            Network.scoped(y, scope),
            beta);
      }

      @Override
      public String name() {
        return "mart";
      }

      @Override
      public Map<String, String> hyperparameters() {
        Map<String, String> h = describe(attack);
        h.put("beta", Double.toString(beta));
        return h;
      }
    };
  }

  static Map<String, String> describe(Attack attack) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("attack", attack.name());
    h.put("attack_bound", Double.toString(attack.bound()));
    if (attack instanceof Pgd pgd) {
      h.put("attack_steps", Integer.toString(pgd.steps()));
      h.put("attack_step_size", Double.toString(pgd.stepSize()));
      h.put("attack_start", pgd.start().name().toLowerCase(java.util.Locale.ROOT));
    } else if (attack instanceof robustperf.train.attack.NoiseFgsm noise) {
      h.put("attack_noise", Double.toString(noise.noise()));
      h.put("attack_step_size", Double.toString(noise.ball().eps()));
    }
    return h;
  }
}
