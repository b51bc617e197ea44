package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import robustperf.records.Norm;
import robustperf.train.model.Network;

/**
 * The Square attack (Andriushchenko et al. 2020), our own implementation of the published algorithm
 * as AutoAttack runs it: score-based random search on the margin loss z_y - max_{j != y} z_j, no
 * gradients. For every point not yet broken it proposes a change inside a random square window and
 * keeps it when it lowers the margin. The window's area is the fraction p of the image, p_init at
 * first, halved after 0.1%, 0.5%, 2%, 5%, 10%, 20%, 40%, 60% and 80% of the queries (p_init / 2,
 * /4, ..., /512). A point is broken when its margin goes below 0. Only the forward pass is used,
 * so gradient masking does not hide weakness.
 *
 * <p>Linf: starts from vertical stripes of +-eps; a proposal sets the window to +-eps per channel.
 * L2: starts from a 5 x 5 tiling of "pseudo-Gaussian" blocks (nested rectangles weighted 1/r^2,
 * two halves of opposite sign) with random signs per channel, rescaled to norm eps; a proposal
 * moves the mass of a second random window into the first, adds a fresh block there and rescales
 * the whole perturbation to norm eps again, so every point stays on the eps-sphere (then the box).
 *
 * @param ball the threat model (Linf or L2)
 * @param queries queries per point (5000 in AutoAttack)
 * @param pInit initial fraction of pixels changed (0.8 in AutoAttack)
 * @param seed random seed
 */
public record Square(EpsBall ball, int queries, double pInit, long seed) {

  public Square {
    if (ball == null || queries < 1 || !(pInit > 0 && pInit <= 1)) {
      throw new IllegalArgumentException("Square needs a ball, queries >= 1 and p_init in (0, 1]");
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

  /** An image's layout, for index arithmetic on flat float arrays. */
  private record Layout(int c, int h, int w) {
    int size() {
      return c * h * w;
    }

    int at(int ch, int row, int col) {
      return (ch * h + row) * w + col;
    }
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
    Layout layout = new Layout((int) shape.get(1), (int) shape.get(2), (int) shape.get(3));
    int size = layout.size();
    float[] clean = x.toFloatArray();
    int[] labels = y.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
    Random random = new Random(seed);
    NDManager manager = x.getManager();

    float[] best = new float[n * size];
    for (int i = 0; i < n; i++) {
      float[] start = ball.norm() == Norm.Linf ? stripes(layout, random) : tiles(layout, random);
      place(clean, i * size, start, best, i * size);
    }
    float[] margin = margins(network, manager, best, labels, allIndices(n), shape);
    int[] used = new int[n];
    Arrays.fill(used, 1);

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
      for (int i = 0; i < n; i++) {
        if (margin[i] <= 0) {
          continue;
        }
        open[k] = i;
        float[] delta = new float[size];
        for (int j = 0; j < size; j++) {
          delta[j] = best[i * size + j] - clean[i * size + j];
        }
        float[] proposed = ball.norm() == Norm.Linf
            ? linfProposal(layout, clean, i * size, best, delta, p, random)
            : l2Proposal(layout, delta, p, random);
        place(clean, i * size, proposed, proposals, k * size);
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

  /** Writes clip(x + delta) into {@code out} at {@code to}; x is the image at {@code from} of {@code clean}. */
  private static void place(float[] clean, int from, float[] delta, float[] out, int to) {
    for (int j = 0; j < delta.length; j++) {
      out[to + j] = clip(clean[from + j] + delta[j]);
    }
  }

  /** Linf start: each column of each channel at +eps or -eps. */
  private float[] stripes(Layout l, Random random) {
    float[] delta = new float[l.size()];
    for (int ch = 0; ch < l.c; ch++) {
      for (int col = 0; col < l.w; col++) {
        float sign = random.nextBoolean() ? 1f : -1f;
        for (int row = 0; row < l.h; row++) {
          delta[l.at(ch, row, col)] = sign * (float) ball.eps();
        }
      }
    }
    return delta;
  }

  /**
   * Linf proposal: a window of side sqrt(p h w) set to +-eps per channel. The signs are redrawn
   * until the window changes something (a window already at those values everywhere would waste
   * the query), as the reference does.
   */
  private float[] linfProposal(Layout l, float[] clean, int from, float[] best, float[] delta, double p, Random random) {
    int side = Math.min(Math.max((int) Math.round(Math.sqrt(p * l.h * l.w)), 1), l.h - 1);
    int top = random.nextInt(l.h - side + 1);
    int left = random.nextInt(l.w - side + 1);
    float[] candidate = delta.clone();
    for (int attempt = 0; attempt < 100; attempt++) {
      boolean changed = false;
      for (int ch = 0; ch < l.c; ch++) {
        float sign = random.nextBoolean() ? 1f : -1f;
        for (int row = top; row < top + side; row++) {
          for (int col = left; col < left + side; col++) {
            int at = l.at(ch, row, col);
            float v = sign * (float) ball.eps();
            changed |= Math.abs(clip(clean[from + at] + v) - best[from + at]) >= 1e-7f;
            candidate[at] = v;
          }
        }
      }
      if (changed) {
        break;
      }
    }
    return candidate;
  }

  /** L2 start: a 5 x 5 tiling of pseudo-Gaussian blocks with random signs per channel, at norm eps. */
  private float[] tiles(Layout l, Random random) {
    float[] delta = new float[l.size()];
    int side = Math.max(l.h / 5, 1);
    int margin = (l.h - side * 5) / 2;
    for (int top = margin; top + side <= l.h && top < margin + 5 * side; top += side) {
      for (int left = margin; left + side <= l.w && left < margin + 5 * side; left += side) {
        double[][] block = pseudoGaussian(side, random);
        for (int ch = 0; ch < l.c; ch++) {
          float sign = random.nextBoolean() ? 1f : -1f;
          for (int r = 0; r < side; r++) {
            for (int q = 0; q < side; q++) {
              delta[l.at(ch, top + r, left + q)] += sign * (float) block[r][q];
            }
          }
        }
      }
    }
    return scaledTo(delta, ball.eps());
  }

  /**
   * L2 proposal, per channel: the window at (top, left) takes its old content (normalized) plus a
   * fresh pseudo-Gaussian block, rescaled so that it holds the mass of both windows plus the
   * budget the image has left; the second window is emptied; the whole perturbation is rescaled to
   * norm eps.
   */
  private float[] l2Proposal(Layout l, float[] delta, double p, Random random) {
    int side = Math.max((int) Math.round(Math.sqrt(p * l.h * l.w)), 3);
    if (side % 2 == 0) {
      side++;
    }
    side = Math.min(side, l.h - 1);
    int top = random.nextInt(l.h - side);
    int left = random.nextInt(l.w - side);
    int top2 = random.nextInt(l.h - side);
    int left2 = random.nextInt(l.w - side);
    double[][] block = pseudoGaussian(side, random);
    float[] candidate = delta.clone();
    for (int ch = 0; ch < l.c; ch++) {
      double window = 0;
      double both = 0;
      double image = 0;
      for (int row = 0; row < l.h; row++) {
        for (int col = 0; col < l.w; col++) {
          double v = delta[l.at(ch, row, col)];
          boolean in1 = inside(row, col, top, left, side);
          boolean in2 = inside(row, col, top2, left2, side);
          image += v * v;
          both += in1 || in2 ? v * v : 0;
          window += in1 ? v * v : 0;
        }
      }
      double windowNorm = Math.sqrt(window);
      double sign = random.nextBoolean() ? 1 : -1;
      double[][] fresh = new double[side][side];
      double freshNorm = 0;
      for (int r = 0; r < side; r++) {
        for (int q = 0; q < side; q++) {
          fresh[r][q] = sign * block[r][q] + delta[l.at(ch, top + r, left + q)] / (1e-12 + windowNorm);
          freshNorm += fresh[r][q] * fresh[r][q];
        }
      }
      double target = Math.sqrt(Math.max(ball.eps() * ball.eps() - image, 0) / l.c + both);
      double scale = target / Math.sqrt(Math.max(freshNorm, 1e-24));
      for (int r = 0; r < side; r++) {
        for (int q = 0; q < side; q++) {
          candidate[l.at(ch, top2 + r, left2 + q)] = 0f;
        }
      }
      for (int r = 0; r < side; r++) {
        for (int q = 0; q < side; q++) {
          candidate[l.at(ch, top + r, left + q)] = (float) (fresh[r][q] * scale);
        }
      }
    }
    return scaledTo(candidate, ball.eps());
  }

  private static boolean inside(int row, int col, int top, int left, int side) {
    return row >= top && row < top + side && col >= left && col < left + side;
  }

  /** The perturbation rescaled to the given L2 norm. */
  private static float[] scaledTo(float[] delta, double norm) {
    double sum = 0;
    for (float v : delta) {
      sum += (double) v * v;
    }
    double factor = norm / Math.sqrt(Math.max(sum, 1e-24));
    float[] out = new float[delta.length];
    for (int j = 0; j < delta.length; j++) {
      out[j] = (float) (delta[j] * factor);
    }
    return out;
  }

  /**
   * The reference's pseudo-Gaussian block of side s: two halves of nested rectangles (weights
   * 1/r^2) with opposite signs, unit L2 norm, transposed with probability 1/2.
   */
  static double[][] pseudoGaussian(int s, Random random) {
    double[][] block = new double[s][s];
    double[][] upper = rectangles(s / 2, s);
    double[][] lower = rectangles(s - s / 2, s);
    for (int r = 0; r < s; r++) {
      for (int q = 0; q < s; q++) {
        block[r][q] = r < s / 2 ? upper[r][q] : -lower[r - s / 2][q];
      }
    }
    normalize(block);
    if (random.nextBoolean()) {
      double[][] transposed = new double[s][s];
      for (int r = 0; r < s; r++) {
        for (int q = 0; q < s; q++) {
          transposed[q][r] = block[r][q];
        }
      }
      block = transposed;
    }
    return block;
  }

  /** Nested rectangles centred in an x by y block, the r-th (from the centre) weighted 1 / r^2; unit norm. */
  private static double[][] rectangles(int x, int y) {
    double[][] out = new double[x][y];
    int cx = x / 2 + 1;
    int cy = y / 2 + 1;
    int r0 = cx - 1;
    int c0 = cy - 1;
    for (int counter = 0; counter < Math.max(cx, cy); counter++) {
      for (int r = Math.max(r0, 0); r < Math.min(r0 + 2 * counter + 1, x); r++) {
        for (int q = Math.max(c0, 0); q < Math.min(c0 + 2 * counter + 1, y); q++) {
          out[r][q] += 1.0 / ((counter + 1.0) * (counter + 1.0));
        }
      }
      r0--;
      c0--;
    }
    normalize(out);
    return out;
  }

  private static void normalize(double[][] block) {
    double sum = 0;
    for (double[] row : block) {
      for (double v : row) {
        sum += v * v;
      }
    }
    double norm = Math.sqrt(sum);
    if (norm > 0) {
      for (double[] row : block) {
        for (int q = 0; q < row.length; q++) {
          row[q] /= norm;
        }
      }
    }
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
