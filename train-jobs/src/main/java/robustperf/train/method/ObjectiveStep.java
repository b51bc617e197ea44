package robustperf.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import robustperf.train.model.Network;

/**
 * A step on an objective, optionally with adversarial weight perturbation (AWP, Wu et al. 2020):
 * before the step, every weight matrix and kernel w is moved by gamma * ||w|| * g / ||g|| along
 * the gradient g of the objective at the crafted inputs; the step's gradient is taken there and
 * the move is undone after the update, as the reference code's perturb / step / restore does.
 *
 * @param objective what to minimize
 * @param awpGamma AWP's gamma (0.01 with PGD, 0.005 with TRADES in the paper); 0 turns AWP off
 */
public record ObjectiveStep(Objective objective, double awpGamma) implements TrainingMethod {

  public ObjectiveStep {
    if (!(awpGamma >= 0) || Double.isInfinite(awpGamma)) {
      throw new IllegalArgumentException("AWP gamma must be a finite number >= 0, got " + awpGamma);
    }
  }

  @Override
  public float step(Network network, NDArray x, NDArray y) {
    NDArray crafted = objective.craft(network, x, y);
    if (awpGamma == 0) {
      return network.descend((net, scope) -> objective.loss(net, scope, x, crafted, y));
    }
    Map<Parameter, NDArray> gradients =
        network.weightGradients((net, scope) -> objective.loss(net, scope, x, crafted, y));
    Map<Parameter, NDArray> moves = new LinkedHashMap<>();
    gradients.forEach(
        (parameter, gradient) -> {
          NDArray weight = network.fullPrecisionWeight(parameter);
          // The reference perturbs weight tensors only (matrices and kernels), not biases or norms.
          if (weight.getShape().dimension() > 1) {
            double scale = awpGamma * weight.norm().getFloat() / (gradient.norm().getFloat() + 1e-20);
            moves.put(parameter, gradient.mul(scale));
          }
        });
    network.perturbWeights(moves);
    try {
      return network.descend((net, scope) -> objective.loss(net, scope, x, crafted, y));
    } finally {
      network.restoreWeights(moves);
      gradients.values().forEach(NDArray::close);
      moves.values().forEach(NDArray::close);
    }
  }

  @Override
  public String name() {
    return awpGamma > 0 ? objective.name() + "-awp" : objective.name();
  }

  @Override
  public Map<String, String> hyperparameters() {
    Map<String, String> h = new LinkedHashMap<>(objective.hyperparameters());
    if (awpGamma > 0) {
      h.put("awp_gamma", Double.toString(awpGamma));
    }
    return h;
  }
}
