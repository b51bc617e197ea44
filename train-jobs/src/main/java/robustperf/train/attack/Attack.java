package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import robustperf.train.model.Network;

/** Crafts adversarial inputs for a batch. */
public interface Attack {
  /**
   * @param network the network attacked
   * @param x clean images in [0, 1]
   * @param loss maps logits to the scalar the attack maximizes
   * @param training batch-norm mode of the attack's forward passes
   * @return adversarial images in [0, 1], owned by x's manager
   */
  NDArray perturb(NDArray x, Network network, Function<NDArray, NDArray> loss, boolean training);

  /** @return the Linf or L2 radius every perturbation of this attack stays within */
  double bound();

  /** @return a short name for records, e.g. "pgd-10" */
  String name();
}
