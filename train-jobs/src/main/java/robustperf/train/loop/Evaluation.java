package robustperf.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import robustperf.train.attack.Attack;
import robustperf.train.data.ImageDataset;
import robustperf.train.loss.Losses;
import robustperf.train.model.Network;

/**
 * Clean and robust accuracy of a network on the first n images of a dataset, batch-norm in
 * evaluation mode. A point counts as robust only if it is classified correctly both clean and
 * under attack, so a misclassified point is never robust.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * @param n images evaluated
   * @param clean correctly classified clean
   * @param robust correct clean and under attack
   * @param seconds wall time of the evaluation
   */
  public record Accuracy(int n, int clean, int robust, double seconds) {
    /** @return clean accuracy in percent */
    public double cleanPct() {
      return 100.0 * clean / n;
    }

    /** @return robust accuracy in percent */
    public double robustPct() {
      return 100.0 * robust / n;
    }
  }

  /**
   * @param network the network (its own pass counts are not training cost: pass an evaluation
   *     network that shares the block)
   * @param data the images
   * @param n how many of the first images (at most the dataset's size)
   * @param attack the attack, or null for clean accuracy only
   * @param batchSize batch size
   * @return the accuracies
   */
  public static Accuracy of(Network network, ImageDataset data, int n, Attack attack, int batchSize) {
    long start = System.nanoTime();
    int count = Math.min(n, data.size());
    int clean = 0;
    int robust = 0;
    NDManager parent = network.manager();
    for (int from = 0; from < count; from += batchSize) {
      int size = Math.min(batchSize, count - from);
      int[] indices = new int[size];
      for (int i = 0; i < size; i++) {
        indices[i] = from + i;
      }
      try (NDManager batch = parent.newSubManager()) {
        NDList xy = data.batch(batch, indices, null, null);
        NDArray x = xy.get(0);
        NDArray y = xy.get(1);
        NDArray correct = correct(network, x, y);
        clean += count(correct);
        if (attack != null) {
          NDArray adversarial = attack.perturb(x, network, logits -> Losses.crossEntropy(logits, y), false);
          robust += count(correct.mul(correct(network, adversarial, y)));
        }
      }
    }
    return new Accuracy(count, clean, robust, (System.nanoTime() - start) / 1e9);
  }

  /** @return 1 where the prediction is right, else 0 (int32) */
  private static NDArray correct(Network network, NDArray x, NDArray y) {
    NDArray predicted = network.logits(x, false).argMax(1).toType(DataType.INT32, false);
    return predicted.eq(y).toType(DataType.INT32, false);
  }

  private static int count(NDArray ones) {
    return ones.sum().toType(DataType.INT32, false).getInt();
  }
}
