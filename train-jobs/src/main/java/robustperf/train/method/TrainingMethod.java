package robustperf.train.method;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import robustperf.train.model.Network;

/** One way of taking a training step on a batch. */
public interface TrainingMethod {
  /**
   * @param network the network, updated in place
   * @param x clean images in [0, 1]
   * @param y labels
   * @return the training loss of the step
   */
  float step(Network network, NDArray x, NDArray y);

  /** @return the method's name in records, e.g. "pgd-7", "trades", "free-8" */
  String name();

  /** @return every hyperparameter the method used, for the run manifest */
  Map<String, String> hyperparameters();

  /**
   * @return how many times each batch is replayed (Free AT's m; 1 otherwise): the loop divides the
   *     epochs by it so that the number of weight updates stays that of the epoch budget
   */
  default int replays() {
    return 1;
  }
}
