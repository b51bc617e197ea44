package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import robustperf.train.model.Network;

/**
 * The Square attack (Andriushchenko et al. 2020), Linf, our own implementation of the published
 * algorithm as AutoAttack runs it: score-based random search on the margin loss z_y - max_{j != y}
 * z_j, no gradients. It starts from vertical stripes of +-eps and, for every point not yet broken,
 * proposes a random square window set to +-eps per channel, kept when it lowers the margin. The
 * window's area is the fraction p of the image, p_init at first, halved after 0.1%, 0.5%, 2%, 5%,
 * 10%, 20%, 40%, 60% and 80% of the queries (p_init / 2, /4, ..., /512). A point is broken when its
 * margin goes below 0. Only the forward pass is used, so gradient masking does not hide weakness.
 *
 * @param eps the Linf radius
 * @param queries queries per point (5000 in AutoAttack)
 * @param pInit initial fraction of pixels changed (0.8 in AutoAttack)
 * @param seed random seed
 */
public record Square(double eps, int queries, double pInit, long seed) {

  public Square {
    if (!(eps > 0) || queries < 1 || !(pInit > 0 && pInit <= 1)) {
      throw new IllegalArgumentException("Square needs eps > 0, queries >= 1 and p_init in (0, 1]");
    }
  }

  /**
   * @param adversarial the best points found, (b, c, h, w), owned by x's manager
   * @param broken per example: whether its margin went below 0
   * @param queriesUsed per example: forward passes spent on it
   */
  public record Result(NDArray adversarial, boolean[] broken, int[] queriesUsed) {}

  /**
   * The reference schedule: the fraction p of pixels in the window at query {@code i} of
   * {@code total}.
   *
   * @param pInit the first fraction
   * @param i the query index
   * @param total queries per point
   * @return p
   */
  public static double fraction(double pInit, int i, int total) {
    int it = (int) ((double) i / total * 10000);
    int[] bounds = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
    int halvings = 0;
    for (int b : bounds) {
      if (it > b) {
        halvings++;
      }
    }
    return pInit / (1 << halvings);
  }

  /**
   * @param network the classifier (batch-norm in inference mode)
   * @param x clean images in [0, 1], (b, c, h, w)
   * @param y labels, (b)
   * @return the result
   */
  public Result run(Network network, NDArray x, NDArray y) {
    Shape shape = x.getShape();
    int n = (int) shape.get(0);
    int c = (int) shape.get(1);
    int h = (int) shape.get(2);
    int w = (int) shape.get(3);
    int size = c * h * w;
    float[] clean = x.toFloatArray();
    int[] labels = y.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
    Random random = new Random(seed);
    NDManager manager = x.getManager();

    // Vertical stripes: each column of each channel at +eps or -eps.
    float[] best = new float[n * size];
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < c; ch++) {
        for (int col = 0; col < w; col++) {
          float sign = random.nextBoolean() ? 1f : -1f;
          for (int row = 0; row < h; row++) {
            int at = i * size + (ch * h + row) * w + col;
            best[at] = clip(clean[at] + sign * (float) eps);
          }
        }
      }
    }
    float[] margin = margins(network, manager, best, labels, allIndices(n), shape);
    int[] used = new int[n];
    java.util.Arrays.fill(used, 1);

    float[] candidate = new float[size];
    for (int q = 1; q < queries; q++) {
      int active = 0;
      for (int i = 0; i < n; i++) {
        active += margin[i] > 0 ? 1 : 0;
      }
      if (active == 0) {
        break;
      }
      int[] open = new int[active];
      float[] proposals = new float[active * size];
      int k = 0;
      double p = fraction(pInit, q, queries);
      int side = Math.min(Math.max((int) Math.round(Math.sqrt(p * h * w)), 1), h - 1);
      for (int i = 0; i < n; i++) {
        if (margin[i] <= 0) {
          continue;
        }
        open[k] = i;
        System.arraycopy(best, i * size, candidate, 0, size);
        int top = random.nextInt(h - side + 1);
        int left = random.nextInt(w - side + 1);
        // Resample the signs until the window changes something (a window already at the
        // clipped bounds everywhere would waste the query), as the reference does.
        for (int attempt = 0; attempt < 100; attempt++) {
          boolean changed = false;
          for (int ch = 0; ch < c; ch++) {
            float sign = random.nextBoolean() ? 1f : -1f;
            for (int row = top; row < top + side; row++) {
              for (int col = left; col < left + side; col++) {
                int at = (ch * h + row) * w + col;
                float v = clip(clean[i * size + at] + sign * (float) eps);
                changed |= Math.abs(v - best[i * size + at]) >= 1e-7f;
                candidate[at] = v;
              }
            }
          }
          if (changed) {
            break;
          }
        }
        System.arraycopy(candidate, 0, proposals, k * size, size);
        k++;
      }
      float[] proposed = margins(network, manager, proposals, labels, open, shape);
      for (int j = 0; j < open.length; j++) {
        int i = open[j];
        used[i]++;
        if (proposed[j] < margin[i]) {
          margin[i] = proposed[j];
          System.arraycopy(proposals, j * size, best, i * size, size);
        }
      }
    }
    boolean[] broken = new boolean[n];
    for (int i = 0; i < n; i++) {
      broken[i] = margin[i] <= 0;
    }
    return new Result(manager.create(best, shape), broken, used);
  }

  private static float clip(float v) {
    return Math.min(1f, Math.max(0f, v));
  }

  private static int[] allIndices(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  /** Margins z_y - max_{j != y} z_j of the given points (their rows in {@code points}). */
  private static float[] margins(Network network, NDManager manager, float[] points, int[] labels, int[] which, Shape shape) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray batch = scope.create(points, new Shape(which.length, shape.get(1), shape.get(2), shape.get(3)));
      float[] logits = network.logits(batch, false).toFloatArray();
      int k = logits.length / which.length;
      float[] out = new float[which.length];
      for (int j = 0; j < which.length; j++) {
        int label = labels[which[j]];
        float own = logits[j * k + label];
        float other = Float.NEGATIVE_INFINITY;
        for (int cls = 0; cls < k; cls++) {
          if (cls != label) {
            other = Math.max(other, logits[j * k + cls]);
          }
        }
        out[j] = own - other;
      }
      return out;
    }
  }
}
