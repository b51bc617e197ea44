package robustperf.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** TRADES and MART against a hand computation in plain doubles on a fixed batch. */
class LossesTest {
  private static final float[][] CLEAN = {{2.0f, 0.5f, -1.0f}, {0.1f, 0.2f, 0.3f}, {-0.5f, 1.5f, 0.0f}};
  private static final float[][] ADVERSARIAL = {{0.5f, 1.0f, -0.5f}, {0.4f, -0.2f, 0.9f}, {1.0f, 0.8f, 0.1f}};
  private static final int[] LABELS = {0, 2, 1};

  @Test
  void tradesEqualsTheHandComputation() {
    double beta = 6;
    double ce = 0;
    double kl = 0;
    for (int i = 0; i < 3; i++) {
      double[] p = softmax(CLEAN[i]);
      double[] q = softmax(ADVERSARIAL[i]);
      ce -= Math.log(p[LABELS[i]]);
      for (int k = 0; k < 3; k++) {
        kl += p[k] * (Math.log(p[k]) - Math.log(q[k]));
      }
    }
    double expected = ce / 3 + beta * kl / 3;
    try (NDManager m = NDManager.newBaseManager()) {
      assertEquals(expected, Losses.trades(array(m, CLEAN), array(m, ADVERSARIAL), labels(m), beta).getFloat(), 1e-5);
    }
  }

  @Test
  void martEqualsTheHandComputation() {
    double beta = 6;
    double adversarialTerm = 0;
    double robustTerm = 0;
    for (int i = 0; i < 3; i++) {
      double[] p = softmax(CLEAN[i]);
      double[] q = softmax(ADVERSARIAL[i]);
      int wrong = -1;
      for (int k = 0; k < 3; k++) {
        if (k != LABELS[i] && (wrong < 0 || q[k] > q[wrong])) {
          wrong = k;
        }
      }
      adversarialTerm += -Math.log(q[LABELS[i]]) - Math.log(1.0001 - q[wrong] + 1e-12);
      double kl = 0;
      for (int k = 0; k < 3; k++) {
        kl += p[k] * (Math.log(p[k]) - Math.log(q[k] + 1e-12));
      }
      robustTerm += kl * (1.0000001 - p[LABELS[i]]);
    }
    double expected = adversarialTerm / 3 + beta * robustTerm / 3;
    try (NDManager m = NDManager.newBaseManager()) {
      assertEquals(expected, Losses.mart(array(m, CLEAN), array(m, ADVERSARIAL), labels(m), beta).getFloat(), 1e-5);
    }
  }

  @Test
  void crossEntropyIsTheNegativeLogSoftmaxOfTheLabel() {
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      expected -= Math.log(softmax(CLEAN[i])[LABELS[i]]) / 3;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      assertEquals(expected, Losses.crossEntropy(array(m, CLEAN), labels(m)).getFloat(), 1e-6);
    }
  }

  private static double[] softmax(float[] logits) {
    double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
    double[] e = new double[logits.length];
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      e[k] = Math.exp(logits[k] - max);
      sum += e[k];
    }
    for (int k = 0; k < logits.length; k++) {
      e[k] /= sum;
    }
    return e;
  }

  private static NDArray array(NDManager m, float[][] rows) {
    float[] flat = new float[9];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(rows[i], 0, flat, 3 * i, 3);
    }
    return m.create(flat, new Shape(3, 3));
  }

  private static NDArray labels(NDManager m) {
    return m.create(LABELS);
  }
}
