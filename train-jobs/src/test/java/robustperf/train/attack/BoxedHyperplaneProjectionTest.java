package robustperf.train.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import robustperf.records.Norm;

/**
 * The sort-and-prefix-sum projection against an independent solver: bisection on the radius of
 * the reachable change, in plain Java doubles, on random points with zero weights, points on both
 * sides of the hyperplane and hyperplanes the box cannot reach.
 */
class BoxedHyperplaneProjectionTest {

  /** Bisection: the smallest t whose reachable change sum_i v_i min(t, a_i) covers |c|; then d. */
  private static double[] bisect(Norm norm, double[] p, double[] w, double b) {
    int n = p.length;
    double c = b;
    for (int i = 0; i < n; i++) {
      c -= w[i] * p[i];
    }
    double[] direction = new double[n];
    double[] room = new double[n];
    for (int i = 0; i < n; i++) {
      direction[i] = Math.signum(w[i] * c);
      room[i] = direction[i] > 0 ? 1 - p[i] : direction[i] < 0 ? p[i] : 0;
    }
    double lo = 0;
    double hi = norm == Norm.Linf ? 1 : 1e6;
    for (int it = 0; it < 200; it++) {
      double t = (lo + hi) / 2;
      if (reach(norm, t, w, room) >= Math.abs(c)) {
        hi = t;
      } else {
        lo = t;
      }
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      double step = norm == Norm.Linf ? Math.min(hi, room[i]) : Math.min(hi * Math.abs(w[i]), room[i]);
      d[i] = direction[i] * step;
    }
    return d;
  }

  private static double reach(Norm norm, double t, double[] w, double[] room) {
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      double step = norm == Norm.Linf ? Math.min(t, room[i]) : Math.min(t * Math.abs(w[i]), room[i]);
      sum += Math.abs(w[i]) * step;
    }
    return sum;
  }

  @Test
  void agreesWithBisectionInBothNormsIncludingUnreachableHyperplanes() {
    Random random = new Random(11);
    int rows = 40;
    int n = 30;
    for (Norm norm : new Norm[] {Norm.Linf, Norm.L2}) {
      double[] p = new double[rows * n];
      double[] w = new double[rows * n];
      double[] b = new double[rows];
      for (int r = 0; r < rows; r++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          p[r * n + i] = random.nextInt(5) == 0 ? random.nextInt(2) : random.nextDouble(); // some at the box's faces
          w[r * n + i] = random.nextInt(6) == 0 ? 0 : random.nextGaussian();
          dot += w[r * n + i] * p[r * n + i];
        }
        // offsets on both sides; every 8th row far outside what the box can reach
        b[r] = dot + (r % 8 == 7 ? 100 * (r % 2 == 0 ? 1 : -1) : random.nextGaussian());
      }
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray d = new BoxedHyperplaneProjection(norm).perturbation(
            m.create(p, new Shape(rows, n)).toType(DataType.FLOAT32, false),
            m.create(w, new Shape(rows, n)).toType(DataType.FLOAT32, false),
            m.create(b).toType(DataType.FLOAT32, false));
        float[] got = d.toFloatArray();
        for (int r = 0; r < rows; r++) {
          double[] pr = java.util.Arrays.copyOfRange(p, r * n, r * n + n);
          double[] wr = java.util.Arrays.copyOfRange(w, r * n, r * n + n);
          // the float32 inputs are what the projection saw
          for (int i = 0; i < n; i++) {
            pr[i] = (float) pr[i];
            wr[i] = (float) wr[i];
          }
          double[] expected = bisect(norm, pr, wr, (float) b[r]);
          double dot = 0;
          for (int i = 0; i < n; i++) {
            assertEquals(expected[i], got[r * n + i], 1e-5, norm + " row " + r + " coordinate " + i);
            double z = pr[i] + got[r * n + i];
            assertTrue(z >= -1e-6 && z <= 1 + 1e-6, "inside the box");
            dot += wr[i] * z;
          }
          if (r % 8 != 7) {
            assertEquals((float) b[r], dot, 1e-4, norm + " row " + r + " lands on the hyperplane");
          }
        }
      }
    }
  }
}
