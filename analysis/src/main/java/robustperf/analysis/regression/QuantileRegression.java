package robustperf.analysis.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Linear quantile regression, minimizing sum rho_tau(y - b0 - x'b) with the check loss rho_tau(u)
 * = u (tau - [u < 0]).
 *
 * <p>Exact: the linear program is solved by the Frisch-Newton interior-point method on its dual
 * (Portnoy and Koenker 1997, as in R's quantreg rq.fit.fnb), then moved to the optimal vertex,
 * where k residuals are zero, and that vertex is kept when its loss is no larger. Each iteration
 * costs O(n k^2). From {@value #PREPROCESS_FROM} observations on, Portnoy and Koenker's
 * preprocessing (R's rq.fit.pfn) shrinks the problem first: a fit on a subsample of about
 * sqrt(k) n^(2/3) observations predicts which observations lie far above or below the quantile
 * plane; each of those two groups is collapsed into one observation (the check loss is linear on
 * each side of zero, so a group whose signs are right costs exactly its sum), the small problem is
 * solved, and every sign is checked; wrong ones are put back and the solve repeated. The answer is
 * the exact optimum of the whole problem. {@link #fitMm} runs on Spark at any size.
 */
public final class QuantileRegression {
  private static final double STEP = 0.99995;
  private static final double GAP_TOLERANCE = 1e-7;
  private static final int MAX_ITERATIONS = 100;
  /** Observations from which the exact fit preprocesses. */
  static final int PREPROCESS_FROM = 50_000;

  private QuantileRegression() {}

  /**
   * Fits the tau-quantile exactly.
   *
   * @param data observations in memory
   * @param predictorNames one name per predictor
   * @param tau the quantile in (0, 1)
   * @param bootstrapReplicates pairs-bootstrap replicates for 95% percentile intervals; 0 for none
   * @param seed seed of the bootstrap
   * @return the fit
   */
  public static QuantileFit fitExact(
      ArrayObservations data, List<String> predictorNames, double tau, int bootstrapReplicates, long seed) {
    checkTau(tau);
    int n = data.size();
    int k = data.predictors() + 1;
    if (n <= k) {
      throw new IllegalArgumentException("quantile regression with " + k + " coefficients needs more than " + k + " observations, got " + n);
    }
    double[][] x = withIntercept(data.x());
    if (!fullRank(x)) {
      throw new IllegalArgumentException("predictors " + predictorNames + " are collinear or constant: drop one of them");
    }
    Solution s = solve(x, data.y(), tau);
    List<Double> low = List.of();
    List<Double> high = List.of();
    int used = 0;
    if (bootstrapReplicates > 0) {
      double[][] replicates = new double[bootstrapReplicates][];
      Random random = new Random(seed);
      // A resample whose predictors are collinear (e.g. all one date) has no unique fit: it is
      // drawn again, up to ten tries per replicate; intervals need every replicate.
      for (int attempt = 0; used < bootstrapReplicates && attempt < 10 * bootstrapReplicates; attempt++) {
        double[][] bx = new double[n][];
        double[] by = new double[n];
        for (int i = 0; i < n; i++) {
          int j = random.nextInt(n);
          bx[i] = x[j];
          by[i] = data.y()[j];
        }
        if (fullRank(bx)) {
          replicates[used++] = solve(bx, by, tau).beta();
        }
      }
      if (used == bootstrapReplicates) {
        low = percentiles(replicates, 0.025);
        high = percentiles(replicates, 0.975);
      } else {
        used = 0;
      }
    }
    return new QuantileFit(
        tau, terms(predictorNames), boxed(s.beta()), low, high, used, n,
        loss(x, data.y(), s.beta(), tau), "exact-lp", s.converged(), used > 0 ? seed : null);
  }

  /**
   * Fits the tau-quantile by the MM algorithm (Hunter and Lange 2000): iteratively reweighted
   * least squares on a smoothed check loss, one pass over the data per iteration, so it runs on
   * Spark at any size. Converges to the exact fit as the smoothing goes to zero.
   *
   * @param data observations, e.g. {@link SparkObservations}
   * @param predictorNames one name per predictor
   * @param tau the quantile in (0, 1)
   * @param tolerance stop when no coefficient moves more than this (relative)
   * @param maxIterations iteration cap
   * @return the fit, with converged false when the cap was hit
   */
  public static QuantileFit fitMm(
      Observations data, List<String> predictorNames, double tau, double tolerance, int maxIterations) {
    checkTau(tau);
    int k = data.predictors() + 1;
    OlsFit start = Ols.fit(data, predictorNames);
    double[] beta = start.coefficients().stream().mapToDouble(Coefficient::estimate).toArray();
    // Smoothing: Hunter and Lange's epsilon, relative to the residual scale.
    double epsilon = 1e-6 * Math.max(start.residualStdError(), 1e-12);
    boolean converged = false;
    int iteration = 0;
    while (!converged && iteration++ < maxIterations) {
      double[] b = beta;
      // [X'WX (k*k), X'Wv (k)] with w = 1/(eps + |r|) and the MM target v = y - (1 - 2 tau)(eps + |r|)
      double[] normal =
          data.fold(
              new double[k * k + k],
              (acc, y, xs) -> {
                double[] z = new double[k];
                z[0] = 1;
                System.arraycopy(xs, 0, z, 1, k - 1);
                double r = y;
                for (int j = 0; j < k; j++) {
                  r -= b[j] * z[j];
                }
                double a = epsilon + Math.abs(r);
                double w = 1 / a;
                double v = y - (1 - 2 * tau) * a;
                for (int i = 0; i < k; i++) {
                  for (int j = 0; j < k; j++) {
                    acc[i * k + j] += w * z[i] * z[j];
                  }
                  acc[k * k + i] += w * z[i] * v;
                }
                return acc;
              },
              Ols::add);
      double[] next = solveSymmetric(normal, k);
      converged = true;
      for (int j = 0; j < k; j++) {
        converged &= Math.abs(next[j] - beta[j]) <= tolerance * Math.max(1, Math.abs(beta[j]));
      }
      beta = next;
    }
    double[] finalBeta = beta;
    double[] lossAndN =
        data.fold(
            new double[2],
            (acc, y, xs) -> {
              double r = y - finalBeta[0];
              for (int j = 1; j < k; j++) {
                r -= finalBeta[j] * xs[j - 1];
              }
              acc[0] += r * (tau - (r < 0 ? 1 : 0));
              acc[1] += 1;
              return acc;
            },
            Ols::add);
    return new QuantileFit(
        tau, terms(predictorNames), boxed(beta), List.of(), List.of(), 0, (long) lossAndN[1],
        lossAndN[0], "mm-irls", converged, null);
  }

  record Solution(double[] beta, boolean converged) {}

  /** The exact fit: directly, or after preprocessing from {@value #PREPROCESS_FROM} observations. */
  static Solution solve(double[][] original, double[] yv, double tau) {
    return original.length >= PREPROCESS_FROM ? preprocessed(original, yv, tau) : solveDirect(original, yv, tau, original.length);
  }

  /**
   * Portnoy and Koenker's preprocessing (see the class comment). The subsample is drawn with a
   * fixed seed, so a fit is repeatable; if too many signs are wrong the subsample doubles, and
   * after six tries the whole problem is solved directly.
   */
  private static Solution preprocessed(double[][] x, double[] y, double tau) {
    int n = x.length;
    int k = x[0].length;
    int m = (int) Math.round(Math.sqrt(k) * Math.pow(n, 2.0 / 3));
    Random random = new Random(n);
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    double[] r = new double[n];
    for (int attempt = 0; attempt < 6 && m < n / 2; attempt++, m *= 2) {
      // The first m of a partial Fisher-Yates shuffle: a sample without replacement.
      for (int i = 0; i < m; i++) {
        int j = i + random.nextInt(n - i);
        int t = index[i];
        index[i] = index[j];
        index[j] = t;
      }
      double[][] sx = new double[m][];
      double[] sy = new double[m];
      for (int i = 0; i < m; i++) {
        sx[i] = x[index[i]];
        sy[i] = y[index[i]];
      }
      if (!fullRank(sx)) {
        continue;
      }
      double[] beta = solveDirect(sx, sy, tau, m).beta();
      for (int i = 0; i < n; i++) {
        r[i] = y[i] - dot(x[i], beta);
      }
      double[] sorted = r.clone();
      Arrays.sort(sorted);
      double low = sorted[(int) Math.max(0, Math.floor((tau - m / (2.0 * n)) * n))];
      double high = sorted[(int) Math.min(n - 1, Math.ceil((tau + m / (2.0 * n)) * n))];
      boolean[] below = new boolean[n];
      boolean[] above = new boolean[n];
      for (int i = 0; i < n; i++) {
        below[i] = r[i] < low;
        above[i] = r[i] > high;
      }
      for (int round = 0; round < 20; round++) {
        Solution s = reduced(x, y, tau, below, above);
        int wrong = 0;
        for (int i = 0; i < n; i++) {
          double ri = y[i] - dot(x[i], s.beta());
          if (below[i] && ri > 0 || above[i] && ri < 0) {
            below[i] = false;
            above[i] = false;
            wrong++;
          }
        }
        if (wrong == 0) {
          return s;
        }
        if (wrong > 0.1 * m) {
          break; // the subsample guessed badly: a larger one
        }
      }
    }
    return solveDirect(x, y, tau, n);
  }

  /** The problem with each sign-fixed group collapsed into one observation, appended last. */
  private static Solution reduced(double[][] x, double[] y, double tau, boolean[] below, boolean[] above) {
    int n = x.length;
    int k = x[0].length;
    List<double[]> rx = new ArrayList<>();
    List<Double> ry = new ArrayList<>();
    double[] belowX = new double[k];
    double[] aboveX = new double[k];
    double belowY = 0;
    double aboveY = 0;
    boolean anyBelow = false;
    boolean anyAbove = false;
    for (int i = 0; i < n; i++) {
      if (below[i]) {
        anyBelow = true;
        belowY += y[i];
        for (int j = 0; j < k; j++) {
          belowX[j] += x[i][j];
        }
      } else if (above[i]) {
        anyAbove = true;
        aboveY += y[i];
        for (int j = 0; j < k; j++) {
          aboveX[j] += x[i][j];
        }
      } else {
        rx.add(x[i]);
        ry.add(y[i]);
      }
    }
    int kept = rx.size();
    if (anyBelow) {
      rx.add(belowX);
      ry.add(belowY);
    }
    if (anyAbove) {
      rx.add(aboveX);
      ry.add(aboveY);
    }
    double[] yy = new double[ry.size()];
    for (int i = 0; i < yy.length; i++) {
      yy[i] = ry.get(i);
    }
    return solveDirect(rx.toArray(new double[0][]), yy, tau, kept);
  }

  /**
   * Fits on standardized predictors (quantile regression is equivariant to affine changes of
   * them), which keeps the interior point's k x k systems well conditioned when a predictor such
   * as the year sits far from zero, then maps back and moves to the optimal vertex. The
   * standardization uses the first {@code scaled} rows only, so collapsed groups appended after
   * them do not set the scale.
   */
  static Solution solveDirect(double[][] original, double[] yv, double tau, int scaled) {
    int n = original.length;
    int k = original[0].length;
    double[] mean = new double[k];
    double[] scale = new double[k];
    for (int j = 1; j < k; j++) {
      for (int i = 0; i < scaled; i++) {
        mean[j] += original[i][j] / scaled;
      }
      for (int i = 0; i < scaled; i++) {
        scale[j] += (original[i][j] - mean[j]) * (original[i][j] - mean[j]) / scaled;
      }
      scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
    }
    double[][] standardized = new double[k][n];
    for (int i = 0; i < n; i++) {
      standardized[0][i] = original[i][0];
      for (int j = 1; j < k; j++) {
        // x_i0 is 1, or a collapsed group's size: the centring scales with it, as the intercept does.
        standardized[j][i] = (original[i][j] - original[i][0] * mean[j]) / scale[j];
      }
    }
    Solution s = interiorPoint(standardized, yv, tau);
    double[] beta = new double[k];
    beta[0] = s.beta()[0];
    for (int j = 1; j < k; j++) {
      beta[j] = s.beta()[j] / scale[j];
      beta[0] -= beta[j] * mean[j];
    }
    return new Solution(vertex(original, yv, beta, tau), s.converged());
  }

  /**
   * Frisch-Newton on the dual max y'a s.t. X'a = (1 - tau) X'1, 0 <= a <= 1. Predictors are held
   * by column (cols[j][i]) and every n-vector is allocated once: each iteration is a few fused
   * passes over the data.
   */
  private static Solution interiorPoint(double[][] cols, double[] yv, double tau) {
    int k = cols.length;
    int n = yv.length;
    double[] c = new double[n];
    double[] xs = new double[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = -yv[i];
      xs[i] = 1 - tau;
      s[i] = tau;
    }
    double[] b = new double[k];
    for (int j = 0; j < k; j++) {
      b[j] = (1 - tau) * sum(cols[j]);
    }
    double[] q = new double[n];
    Arrays.fill(q, 1);
    double[] y = weightedSolve(cols, q, times(cols, c, new double[k]));
    double[] r = new double[n];
    double[] z = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double ri = c[i] - rowDot(cols, i, y);
      if (ri == 0) {
        ri = 0.001;
      }
      z[i] = Math.max(ri, 0);
      w[i] = z[i] - ri;
    }
    double[] dx = new double[n];
    double[] dz = new double[n];
    double[] dw = new double[n];
    double[] scratch = new double[n];
    double[] invX = new double[n];
    double[] invS = new double[n];
    double[] dy = new double[k];
    double[] rhs = new double[k];
    double cxNow = dot(c, xs);
    double mu0 = dot(z, xs) + dot(w, s);
    double gap = cxNow - dot(y, b) + sum(w);
    int it = 0;
    while (gap > GAP_TOLERANCE * (1 + Math.abs(cxNow)) && it++ < MAX_ITERATIONS) {
      // Reciprocals once per iteration: divisions dominate the cost of a pass.
      for (int i = 0; i < n; i++) {
        invX[i] = 1 / xs[i];
        invS[i] = 1 / s[i];
        q[i] = 1 / (z[i] * invX[i] + w[i] * invS[i]);
        r[i] = z[i] - w[i];
        scratch[i] = q[i] * r[i];
      }
      double[] gram = gram(cols, q);
      times(cols, scratch, rhs);
      dy = solve(gram, rhs);
      double fpx = Double.POSITIVE_INFINITY;
      double fdz = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        dx[i] = q[i] * (rowDot(cols, i, dy) - r[i]);
        // ds = -dx
        dz[i] = -z[i] * (dx[i] * invX[i] + 1);
        dw[i] = -w[i] * (-dx[i] * invS[i] + 1);
        fpx = Math.min(fpx, limit(xs[i], dx[i], s[i], -dx[i]));
        fdz = Math.min(fdz, limit(w[i], dw[i], z[i], dz[i]));
      }
      double fp = Math.min(STEP * fpx, 1);
      double fd = Math.min(STEP * fdz, 1);
      if (Math.min(fp, fd) < 1) {
        // Mehrotra-style corrector with an adaptive centring parameter.
        double mu = mu0;
        double g = 0;
        for (int i = 0; i < n; i++) {
          g += (z[i] + fd * dz[i]) * (xs[i] + fp * dx[i]) + (w[i] + fd * dw[i]) * (s[i] - fp * dx[i]);
        }
        mu = mu * Math.pow(g / mu, 3) / (2 * n);
        for (int i = 0; i < n; i++) {
          double dxdz = dx[i] * dz[i];
          double dsdw = -dx[i] * dw[i];
          double xi = mu * (invX[i] - invS[i]);
          scratch[i] = q[i] * (r[i] + dxdz - dsdw - xi);
        }
        // rhs + X (q (dxdz - dsdw - xi)) = X (q (r + dxdz - dsdw - xi))
        times(cols, scratch, rhs);
        dy = solve(gram, rhs);
        fpx = Double.POSITIVE_INFINITY;
        fdz = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          double dxdz = dx[i] * dz[i];
          double dsdw = -dx[i] * dw[i];
          double xi = mu * (invX[i] - invS[i]);
          double ndx = q[i] * (rowDot(cols, i, dy) + xi - r[i] - dxdz + dsdw);
          dz[i] = mu * invX[i] - z[i] - z[i] * ndx * invX[i] - dxdz;
          dw[i] = mu * invS[i] - w[i] + w[i] * ndx * invS[i] - dsdw;
          dx[i] = ndx;
          fpx = Math.min(fpx, limit(xs[i], dx[i], s[i], -dx[i]));
          fdz = Math.min(fdz, limit(w[i], dw[i], z[i], dz[i]));
        }
        fp = Math.min(STEP * fpx, 1);
        fd = Math.min(STEP * fdz, 1);
      }
      for (int j = 0; j < k; j++) {
        y[j] += fd * dy[j];
      }
      double cx = 0;
      double sumW = 0;
      double complementarity = 0;
      for (int i = 0; i < n; i++) {
        xs[i] += fp * dx[i];
        s[i] -= fp * dx[i];
        w[i] += fd * dw[i];
        z[i] += fd * dz[i];
        cx += c[i] * xs[i];
        sumW += w[i];
        complementarity += z[i] * xs[i] + w[i] * s[i];
      }
      mu0 = complementarity;
      cxNow = cx;
      gap = cx - dot(y, b) + sumW;
    }
    boolean converged = it <= MAX_ITERATIONS;
    double[] beta = new double[k];
    for (int j = 0; j < k; j++) {
      beta[j] = -y[j];
    }
    return new Solution(beta, converged);
  }

  /** Largest step keeping both v1 + f dv1 and v2 + f dv2 positive (the bound of rq.fit.fnb). */
  private static double limit(double v1, double dv1, double v2, double dv2) {
    double f = Double.POSITIVE_INFINITY;
    if (dv1 < 0) {
      f = -v1 / dv1;
    }
    if (dv2 < 0) {
      f = Math.min(f, -v2 / dv2);
    }
    return f;
  }

  /**
   * An optimal LP solution sits on a vertex: k observations fitted exactly. The interior point
   * ends near it; solving through the k observations with the smallest residuals lands on it, and
   * it is kept only if its loss is no larger.
   */
  private static double[] vertex(double[][] x, double[] y, double[] beta, double tau) {
    int n = x.length;
    int k = beta.length;
    // The k smallest absolute residuals, by insertion into a k-slot list: O(n k).
    int[] order = new int[k];
    double[] smallest = new double[k];
    Arrays.fill(smallest, Double.POSITIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      double ai = Math.abs(y[i] - dot(x[i], beta));
      if (ai < smallest[k - 1]) {
        int pos = k - 1;
        while (pos > 0 && smallest[pos - 1] > ai) {
          smallest[pos] = smallest[pos - 1];
          order[pos] = order[pos - 1];
          pos--;
        }
        smallest[pos] = ai;
        order[pos] = i;
      }
    }
    RealMatrix a = new Array2DRowRealMatrix(k, k);
    double[] rhs = new double[k];
    for (int r = 0; r < k; r++) {
      a.setRow(r, x[order[r]]);
      rhs[r] = y[order[r]];
    }
    try {
      double[] exact = new LUDecomposition(a).getSolver().solve(new ArrayRealVector(rhs)).toArray();
      return loss(x, y, exact, tau) <= loss(x, y, beta, tau) ? exact : beta;
    } catch (SingularMatrixException e) {
      return beta;
    }
  }

  /** Whether X'X is positive definite, i.e. the columns of x are linearly independent. */
  private static boolean fullRank(double[][] x) {
    int k = x[0].length;
    RealMatrix gram = new Array2DRowRealMatrix(k, k);
    for (double[] row : x) {
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          gram.addToEntry(a, b, row[a] * row[b]);
        }
      }
    }
    try {
      new CholeskyDecomposition(gram, 1e-10, 1e-10 * Math.max(1, gram.getTrace()));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static double loss(double[][] x, double[] y, double[] beta, double tau) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - dot(x[i], beta);
      total += r * (tau - (r < 0 ? 1 : 0));
    }
    return total;
  }

  /** Solves (X' diag(q) X) d = rhs, X held by column. */
  private static double[] weightedSolve(double[][] cols, double[] q, double[] rhs) {
    return solve(gram(cols, q), rhs);
  }

  /** X' diag(q) X, row-major k x k, in one pass over the rows. */
  private static double[] gram(double[][] cols, double[] q) {
    int k = cols.length;
    double[] m = new double[k * k];
    double[] row = new double[k];
    for (int i = 0; i < q.length; i++) {
      for (int j = 0; j < k; j++) {
        row[j] = cols[j][i];
      }
      double qi = q[i];
      for (int a = 0; a < k; a++) {
        double qa = qi * row[a];
        for (int bb = a; bb < k; bb++) {
          m[a * k + bb] += qa * row[bb];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int bb = 0; bb < a; bb++) {
        m[a * k + bb] = m[bb * k + a];
      }
    }
    return m;
  }

  private static double[] solve(double[] gram, double[] rhs) {
    int k = rhs.length;
    double[] m = Arrays.copyOf(gram, k * k + k);
    System.arraycopy(rhs, 0, m, k * k, k);
    return solveSymmetric(m, k);
  }

  /** Solves the k x k system stored row-major in m[0..k*k) with right-hand side m[k*k..). */
  private static double[] solveSymmetric(double[] m, int k) {
    RealMatrix a = new Array2DRowRealMatrix(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        a.setEntry(i, j, 0.5 * (m[i * k + j] + m[j * k + i]));
      }
    }
    DecompositionSolver solver;
    try {
      solver = new CholeskyDecomposition(a, 1e-10, 1e-300).getSolver();
    } catch (RuntimeException e) {
      solver = new LUDecomposition(a).getSolver();
    }
    return solver.solve(new ArrayRealVector(Arrays.copyOfRange(m, k * k, k * k + k))).toArray();
  }

  /** out = X' v in one pass over the rows, X held by column. */
  private static double[] times(double[][] cols, double[] v, double[] out) {
    int k = cols.length;
    Arrays.fill(out, 0);
    for (int i = 0; i < v.length; i++) {
      double vi = v[i];
      for (int j = 0; j < k; j++) {
        out[j] += cols[j][i] * vi;
      }
    }
    return out;
  }

  /** Row i of X (held by column) times v. */
  private static double rowDot(double[][] cols, int i, double[] v) {
    double t = 0;
    for (int j = 0; j < cols.length; j++) {
      t += cols[j][i] * v[j];
    }
    return t;
  }

  private static double dot(double[] a, double[] b) {
    double t = 0;
    for (int i = 0; i < a.length; i++) {
      t += a[i] * b[i];
    }
    return t;
  }

  private static double sum(double[] a) {
    double t = 0;
    for (double v : a) {
      t += v;
    }
    return t;
  }

  private static double[][] withIntercept(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[x[i].length + 1];
      out[i][0] = 1;
      System.arraycopy(x[i], 0, out[i], 1, x[i].length);
    }
    return out;
  }

  private static List<Double> percentiles(double[][] replicates, double q) {
    List<Double> out = new ArrayList<>();
    for (int j = 0; j < replicates[0].length; j++) {
      int jj = j;
      out.add(Percentiles.of(Arrays.stream(replicates).mapToDouble(r -> r[jj]).sorted().toArray(), q));
    }
    return out;
  }

  private static List<String> terms(List<String> predictors) {
    List<String> t = new ArrayList<>();
    t.add("intercept");
    t.addAll(predictors);
    return t;
  }

  private static List<Double> boxed(double[] v) {
    return Arrays.stream(v).boxed().toList();
  }

  private static void checkTau(double tau) {
    if (!(tau > 0 && tau < 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1), got " + tau);
    }
  }
}
