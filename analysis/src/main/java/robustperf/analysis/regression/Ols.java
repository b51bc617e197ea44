package robustperf.analysis.regression;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Ordinary least squares with an intercept, in three passes: means; centred cross-products (which
 * keep precision when predictors such as the year sit far from zero); residuals, for R² and the
 * HC1 covariance. Each pass is a fold, so it runs the same on arrays and on Spark.
 */
public final class Ols {
  private Ols() {}

  /**
   * Fits y = b0 + x'b.
   *
   * @param data the observations
   * @param predictorNames one name per predictor
   * @return the fit with classical and HC1 inference
   * @throws IllegalArgumentException when there are not more observations than coefficients or
   *     the predictors are collinear
   */
  public static OlsFit fit(Observations data, List<String> predictorNames) {
    int p = data.predictors();
    int k = p + 1;
    if (predictorNames.size() != p) {
      throw new IllegalArgumentException(p + " predictors but " + predictorNames.size() + " names");
    }
    double[] sums =
        data.fold(
            new double[p + 2],
            (acc, y, x) -> {
              acc[0] += 1;
              acc[1] += y;
              for (int j = 0; j < p; j++) {
                acc[2 + j] += x[j];
              }
              return acc;
            },
            Ols::add);
    long n = (long) sums[0];
    if (n <= k) {
      throw new IllegalArgumentException("OLS with " + k + " coefficients needs more than " + k + " observations, got " + n);
    }
    double yMean = sums[1] / n;
    double[] xMean = new double[p];
    for (int j = 0; j < p; j++) {
      xMean[j] = sums[2 + j] / n;
    }
    // Pass 2: [Syy, Sxy (p), Sxx (p*p)] of centred data.
    double[] cross =
        data.fold(
            new double[1 + p + p * p],
            (acc, y, x) -> {
              double yc = y - yMean;
              acc[0] += yc * yc;
              for (int a = 0; a < p; a++) {
                double xa = x[a] - xMean[a];
                acc[1 + a] += xa * yc;
                for (int b = 0; b < p; b++) {
                  acc[1 + p + a * p + b] += xa * (x[b] - xMean[b]);
                }
              }
              return acc;
            },
            Ols::add);
    double syy = cross[0];
    RealMatrix sxxInverse = inverse(square(cross, 1 + p, p), predictorNames);
    double[] slope = sxxInverse.operate(java.util.Arrays.copyOfRange(cross, 1, 1 + p));
    double intercept = yMean;
    for (int j = 0; j < p; j++) {
      intercept -= slope[j] * xMean[j];
    }
    double b0 = intercept;
    // Pass 3: [SSR, M (k*k)] with z = (1, x - mean), M = sum e^2 z z'.
    double[] meat =
        data.fold(
            new double[1 + k * k],
            (acc, y, x) -> {
              double fitted = b0;
              double[] z = new double[k];
              z[0] = 1;
              for (int j = 0; j < p; j++) {
                fitted += slope[j] * x[j];
                z[1 + j] = x[j] - xMean[j];
              }
              double e = y - fitted;
              acc[0] += e * e;
              for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                  acc[1 + a * k + b] += e * e * z[a] * z[b];
                }
              }
              return acc;
            },
            Ols::add);
    double ssr = meat[0];
    long df = n - k;
    double sigma2 = ssr / df;

    // Covariances in the centred basis z, then mapped to (intercept, slopes) by A = [[1, -mean'], [0, I]].
    RealMatrix zzInverse = new Array2DRowRealMatrix(k, k);
    zzInverse.setEntry(0, 0, 1.0 / n);
    zzInverse.setSubMatrix(sxxInverse.getData(), 1, 1);
    RealMatrix a = new Array2DRowRealMatrix(k, k);
    for (int i = 0; i < k; i++) {
      a.setEntry(i, i, 1);
    }
    for (int j = 0; j < p; j++) {
      a.setEntry(0, 1 + j, -xMean[j]);
    }
    RealMatrix classical = a.multiply(zzInverse.scalarMultiply(sigma2)).multiply(a.transpose());
    RealMatrix hc0z = zzInverse.multiply(square(meat, 1, k)).multiply(zzInverse);
    RealMatrix hc1 = a.multiply(hc0z.scalarMultiply((double) n / df)).multiply(a.transpose());

    double[] estimate = new double[k];
    estimate[0] = intercept;
    System.arraycopy(slope, 0, estimate, 1, p);
    List<String> terms = new ArrayList<>();
    terms.add("intercept");
    terms.addAll(predictorNames);
    TDistribution t = new TDistribution(df);
    NormalDistribution z = new NormalDistribution(0, 1);
    double tCrit = t.inverseCumulativeProbability(0.975);
    double zCrit = z.inverseCumulativeProbability(0.975);
    List<Coefficient> coefficients = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double se = Math.sqrt(classical.getEntry(i, i));
      double seR = Math.sqrt(hc1.getEntry(i, i));
      double tv = estimate[i] / se;
      coefficients.add(
          new Coefficient(
              terms.get(i), estimate[i], se, tv, 2 * t.cumulativeProbability(-Math.abs(tv)),
              estimate[i] - tCrit * se, estimate[i] + tCrit * se,
              seR, 2 * z.cumulativeProbability(-Math.abs(estimate[i] / seR)),
              estimate[i] - zCrit * seR, estimate[i] + zCrit * seR));
    }
    double r2 = 1 - ssr / syy;
    double adjusted = 1 - (1 - r2) * (n - 1) / df;
    return new OlsFit(coefficients, n, df, r2, adjusted, Math.sqrt(sigma2));
  }

  static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  private static RealMatrix square(double[] values, int offset, int size) {
    RealMatrix m = new Array2DRowRealMatrix(size, size);
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        m.setEntry(i, j, values[offset + i * size + j]);
      }
    }
    return m;
  }

  private static RealMatrix inverse(RealMatrix sxx, List<String> names) {
    try {
      return new CholeskyDecomposition(sxx, 1e-12, 1e-14).getSolver().getInverse();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException(
          "predictors " + names + " are collinear or constant: drop one of them", e);
    }
  }
}
