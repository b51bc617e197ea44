package robustperf.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The losses of the training methods, written as their reference code computes them. Labels are
 * int32 class indices; logits are (batch, classes).
 */
public final class Losses {
  private Losses() {}

  /**
   * @param logits (b, k)
   * @param labels (b)
   * @return per-example cross-entropy, (b)
   */
  public static NDArray crossEntropyPerExample(NDArray logits, NDArray labels) {
    NDArray oneHot = labels.oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false);
    return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
  }

  /**
   * The difference-of-logits-ratio loss of Croce and Hein (2020), untargeted: -(z_y - max_{i != y}
   * z_i) / (z_pi1 - z_pi3 + 1e-12), with z sorted descending as z_pi1 >= z_pi2 >= ... (needs 3
   * classes or more). Invariant to shifting and scaling the logits.
   *
   * @param logits (b, k)
   * @param labels (b)
   * @return per-example DLR loss, (b)
   */
  public static NDArray dlrPerExample(NDArray logits, NDArray labels) {
    NDArray oneHot = labels.oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false);
    NDArray sorted = logits.sort(1);
    long k = logits.getShape().get(1);
    NDArray first = sorted.get(":, " + (k - 1));
    NDArray third = sorted.get(":, " + (k - 3));
    NDArray trueLogit = logits.mul(oneHot).sum(new int[] {1});
    // max over the other classes: push the true class far down before taking the max
    NDArray otherMax = logits.sub(oneHot.mul(1e9f)).max(new int[] {1});
    return trueLogit.sub(otherMax).neg().div(first.sub(third).add(1e-12f));
  }

  /**
   * Targeted DLR (Croce and Hein 2020): -(z_y - z_t) / (z_pi1 - (z_pi3 + z_pi4) / 2 + 1e-12), maximized
   * to push the target class t over the true class y (needs 4 classes or more).
   *
   * @param logits (b, k)
   * @param labels (b)
   * @param targets (b) target classes
   * @return per-example targeted DLR loss, (b)
   */
  public static NDArray dlrTargetedPerExample(NDArray logits, NDArray labels, NDArray targets) {
    int k = (int) logits.getShape().get(1);
    NDArray y = labels.oneHot(k).toType(logits.getDataType(), false);
    NDArray t = targets.oneHot(k).toType(logits.getDataType(), false);
    NDArray sorted = logits.sort(1);
    NDArray scale = sorted.get(":, " + (k - 1)).sub(sorted.get(":, " + (k - 3)).add(sorted.get(":, " + (k - 4))).mul(0.5f));
    return logits.mul(y).sum(new int[] {1}).sub(logits.mul(t).sum(new int[] {1})).neg().div(scale.add(1e-12f));
  }

  /**
   * @param logits (b, k)
   * @param labels (b)
   * @return mean cross-entropy, a scalar
   */
  public static NDArray crossEntropy(NDArray logits, NDArray labels) {
    return crossEntropyPerExample(logits, labels).mean();
  }

  /**
   * KL(p || q) per example with p = softmax(targetLogits) and q = softmax(logits).
   *
   * @param targetLogits logits of p
   * @param logits logits of q
   * @return (b)
   */
  public static NDArray klPerExample(NDArray targetLogits, NDArray logits) {
    NDArray logP = targetLogits.logSoftmax(1);
    return logP.exp().mul(logP.sub(logits.logSoftmax(1))).sum(new int[] {1});
  }

  /**
   * TRADES (Zhang et al. 2019): CE(clean) + beta * KL(p_clean || p_adv), the KL summed over the
   * batch and divided by its size (the reference code's KLDivLoss(size_average=False) / batch).
   *
   * @param cleanLogits logits on clean inputs
   * @param adversarialLogits logits on adversarial inputs
   * @param labels labels
   * @param beta the trade-off (1 / lambda)
   * @return the scalar loss
   */
  public static NDArray trades(NDArray cleanLogits, NDArray adversarialLogits, NDArray labels, double beta) {
    NDArray natural = crossEntropy(cleanLogits, labels);
    NDArray robust = klPerExample(cleanLogits, adversarialLogits).mean();
    return natural.add(robust.mul((float) beta));
  }

  /**
   * MART (Wang et al. 2020), as its reference code: boosted CE on the adversarial example (CE plus
   * -log(1 - p_adv of the most likely wrong class)) plus beta times the KL(p_clean || p_adv)
   * weighted by 1 - p_clean(true class).
   *
   * @param cleanLogits logits on clean inputs
   * @param adversarialLogits logits on adversarial inputs
   * @param labels labels
   * @param beta the weight of the robust term
   * @return the scalar loss
   */
  public static NDArray mart(NDArray cleanLogits, NDArray adversarialLogits, NDArray labels, double beta) {
    int classes = (int) adversarialLogits.getShape().get(1);
    NDArray oneHot = labels.oneHot(classes).toType(DataType.FLOAT32, false);
    NDArray adversarialProbs = adversarialLogits.softmax(1);
    // The most likely wrong class: mask the true class out before the argmax.
    NDArray wrong = adversarialProbs.sub(oneHot.mul(2)).argMax(1).toType(DataType.INT32, false);
    NDArray wrongHot = wrong.oneHot(classes).toType(DataType.FLOAT32, false);
    NDArray boost =
        adversarialProbs.neg().add(1.0001f).add(1e-12f).log().mul(wrongHot).sum(new int[] {1}).neg();
    NDArray lossAdversarial = crossEntropy(adversarialLogits, labels).add(boost.mean());
    NDArray cleanProbs = cleanLogits.softmax(1);
    NDArray trueProbs = cleanProbs.mul(oneHot).sum(new int[] {1});
    NDArray kl = cleanProbs.mul(cleanProbs.log().sub(adversarialProbs.add(1e-12f).log())).sum(new int[] {1});
    NDArray lossRobust = kl.mul(trueProbs.neg().add(1.0000001f)).mean();
    return lossAdversarial.add(lossRobust.mul((float) beta));
  }
}
