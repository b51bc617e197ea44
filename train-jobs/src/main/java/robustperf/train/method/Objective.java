package robustperf.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import robustperf.train.model.Network;

/**
 * What a method trains on: how it crafts the inputs (an attack, or none) and the loss it minimizes
 * on them. Separate from the step so that AWP can wrap any objective.
 */
public interface Objective {
  /**
   * @param network the network
   * @param x clean images
   * @param y labels
   * @return the training inputs (adversarial examples, or x itself)
   */
  NDArray craft(Network network, NDArray x, NDArray y);

  /**
   * @param network the network
   * @param scope owner of the loss's arrays
   * @param x clean images
   * @param crafted the output of {@link #craft}
   * @param y labels
   * @return the scalar loss, from forward passes in training mode
   */
  NDArray loss(Network network, NDManager scope, NDArray x, NDArray crafted, NDArray y);

  /** @return the name in records */
  String name();

  /** @return hyperparameters for the manifest */
  Map<String, String> hyperparameters();
}
