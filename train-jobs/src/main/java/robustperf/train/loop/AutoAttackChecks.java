package robustperf.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import robustperf.train.data.ImageDataset;
import robustperf.train.loss.Losses;
import robustperf.train.model.Network;

/**
 * Checks made before AutoAttack runs, after the reference implementation's own: a model whose
 * output changes between two identical forward passes is randomized (the rand version applies), and
 * a point whose input gradient is all zero or not finite cannot be moved by the gradient-based
 * stages, so robust accuracy may be overstated (gradient masking; e.g. a quantized TorchScript
 * model, whose integer operators the engine cannot differentiate). A failed check does not stop the
 * evaluation: its warning is recorded with the result.
 */
public final class AutoAttackChecks {
  /** Points the checks look at: the first ones, as the reference does with its first batch. */
  static final int POINTS = 100;

  private AutoAttackChecks() {}

  /**
   * @param network the classifier
   * @param data the images
   * @param n the points evaluated (the checks use the first min(n, 100))
   * @param randomizedExpected true for the rand version, which expects a randomized model
   * @return the warnings, empty when every check passed
   */
  public static List<String> of(Network network, ImageDataset data, int n, boolean randomizedExpected) {
    int count = Math.min(Math.min(n, data.size()), POINTS);
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = i;
    }
    List<String> warnings = new ArrayList<>();
    try (NDManager scope = network.manager().newSubManager()) {
      NDList xy = data.batch(scope, indices, null, null);
      NDArray x = xy.get(0);
      NDArray y = xy.get(1);
      float change = network.logits(x, false).sub(network.logits(x, false)).abs().max().getFloat();
      if (change > 0 && !randomizedExpected) {
        warnings.add(String.format(Locale.ROOT,
            "randomized model: two identical forward passes differ by up to %.3g in a logit; evaluate it with"
                + " --version rand", change));
      }
      NDArray gradient = network.inputGradient(x, l -> Losses.crossEntropyPerExample(l, y).sum(), false);
      float[] perPoint = gradient.abs().reshape(count, -1).sum(new int[] {1}).toFloatArray();
      int zero = 0;
      int nonFinite = 0;
      for (float g : perPoint) {
        zero += g == 0 ? 1 : 0;
        nonFinite += Float.isFinite(g) ? 0 : 1;
      }
      if (zero > 0) {
        warnings.add(String.format(Locale.ROOT,
            "zero gradient: %d of the first %d points have an all-zero input gradient of the cross-entropy; the"
                + " gradient-based stages cannot move them, so robust accuracy may be overstated (gradient masking,"
                + " e.g. a quantized or non-differentiable model)", zero, count));
      }
      if (nonFinite > 0) {
        warnings.add(String.format(Locale.ROOT,
            "non-finite gradient: %d of the first %d points have a NaN or infinite input gradient; the"
                + " gradient-based stages are unreliable on them", nonFinite, count));
      }
    }
    return List.copyOf(warnings);
  }
}
