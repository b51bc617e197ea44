package robustperf.analysis.trend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import robustperf.analysis.regression.Percentiles;

/**
 * Doubling times by era: OLS of log2(metric) on the date (decimal years) in each era, as Sevilla
 * et al. (2022) do with log10 (doubling months = 12 log10(2) / slope there, 12 / slope here).
 */
public final class DoublingRates {
  private DoublingRates() {}

  /**
   * Fits eras whose boundaries are given.
   *
   * @param dates decimal years
   * @param metric positive values (FLOPs, parameters, 1/error, ...)
   * @param boundaries dates where a new era starts, ascending; a point at a boundary belongs to
   *     the later era
   * @param bootstrapReplicates pairs-bootstrap replicates per era for the slope interval
   * @param seed bootstrap seed
   * @return one fit per era, in time order
   * @throws IllegalArgumentException when a metric value is not positive or an era has fewer than
   *     3 points
   */
  public static List<EraFit> fit(
      double[] dates, double[] metric, double[] boundaries, int bootstrapReplicates, long seed) {
    Points p = Points.of(dates, metric);
    List<int[]> segments = new ArrayList<>();
    int start = 0;
    for (double boundary : boundaries) {
      int end = start;
      while (end < p.size() && p.x[end] < boundary) {
        end++;
      }
      segments.add(new int[] {start, end});
      start = end;
    }
    segments.add(new int[] {start, p.size()});
    return fitSegments(p, segments, bootstrapReplicates, seed);
  }

  /**
   * Finds the era boundaries that minimize the total squared error of the per-era fits (dynamic
   * programming over all segmentations, exact), then fits the eras.
   *
   * @param dates decimal years
   * @param metric positive values
   * @param eras number of eras, >= 1
   * @param minimumEraSize fewest points an era may have, >= 3
   * @param bootstrapReplicates bootstrap replicates per era
   * @param seed bootstrap seed
   * @return one fit per era, in time order
   */
  public static List<EraFit> findEras(
      double[] dates, double[] metric, int eras, int minimumEraSize, int bootstrapReplicates, long seed) {
    if (eras < 1 || minimumEraSize < 3) {
      throw new IllegalArgumentException("need eras >= 1 and minimumEraSize >= 3");
    }
    Points p = Points.of(dates, metric);
    int n = p.size();
    if (n < eras * minimumEraSize) {
      throw new IllegalArgumentException(
          n + " points cannot form " + eras + " eras of at least " + minimumEraSize);
    }
    PrefixSums sums = new PrefixSums(p);
    // best[e][j]: least SSR of the first j points in e eras; cut[e][j]: where the last era starts.
    double[][] best = new double[eras + 1][n + 1];
    int[][] cut = new int[eras + 1][n + 1];
    for (double[] row : best) {
      Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    best[0][0] = 0;
    for (int e = 1; e <= eras; e++) {
      for (int j = e * minimumEraSize; j <= n; j++) {
        for (int i = (e - 1) * minimumEraSize; i <= j - minimumEraSize; i++) {
          // An era may not split points that share a date.
          if (i > 0 && p.x[i] == p.x[i - 1] || best[e - 1][i] == Double.POSITIVE_INFINITY) {
            continue;
          }
          double cost = best[e - 1][i] + sums.ssr(i, j);
          if (cost < best[e][j]) {
            best[e][j] = cost;
            cut[e][j] = i;
          }
        }
      }
    }
    if (best[eras][n] == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("no segmentation into " + eras + " eras respects the minimum size and tied dates");
    }
    List<int[]> segments = new ArrayList<>();
    for (int e = eras, j = n; e >= 1; e--) {
      int i = cut[e][j];
      segments.add(0, new int[] {i, j});
      j = i;
    }
    return fitSegments(p, segments, bootstrapReplicates, seed);
  }

  private static List<EraFit> fitSegments(Points p, List<int[]> segments, int replicates, long seed) {
    List<EraFit> fits = new ArrayList<>();
    Random random = new Random(seed);
    for (int[] s : segments) {
      int n = s[1] - s[0];
      if (n < 3) {
        throw new IllegalArgumentException("an era needs at least 3 points, got " + n);
      }
      double[] x = Arrays.copyOfRange(p.x, s[0], s[1]);
      double[] y = Arrays.copyOfRange(p.y, s[0], s[1]);
      double[] line = line(x, y);
      double[] slopes = new double[replicates];
      double[] bx = new double[n];
      double[] by = new double[n];
      for (int r = 0; r < replicates; r++) {
        // A resample with a single date has no slope: draw it again.
        do {
          for (int i = 0; i < n; i++) {
            int j = random.nextInt(n);
            bx[i] = x[j];
            by[i] = y[j];
          }
        } while (x[0] != x[n - 1] && Arrays.stream(bx).distinct().count() < 2);
        slopes[r] = line(bx, by)[1];
      }
      Arrays.sort(slopes);
      double low = replicates == 0 ? Double.NaN : Percentiles.of(slopes, 0.025);
      double high = replicates == 0 ? Double.NaN : Percentiles.of(slopes, 0.975);
      double slope = line[1];
      boolean signKnown = replicates > 0 && (low > 0 || high < 0);
      String note =
          replicates == 0
              ? "no bootstrap requested"
              : signKnown ? null : "slope interval contains 0: no finite doubling-time interval";
      fits.add(
          new EraFit(
              String.format("%.2f-%.2f", x[0], x[n - 1]), x[0], x[n - 1], n, line[0], slope,
              replicates == 0 ? slope : low, replicates == 0 ? slope : high,
              slope == 0 ? null : 12 / slope,
              signKnown ? 12 / high : null,
              signKnown ? 12 / low : null,
              line[2], note));
    }
    return fits;
  }

  /**
   * A closed-form one-predictor least-squares line: bootstrap loops call it thousands of times, so
   * it skips the inference {@code Ols} computes.
   *
   * @return {intercept, slope, r2} of y on x; slope 0 and r2 0 when x is constant
   */
  public static double[] line(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
      syy += (y[i] - my) * (y[i] - my);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    double r2 = sxx == 0 || syy == 0 ? 0 : sxy * sxy / (sxx * syy);
    return new double[] {my - slope * mx, slope, r2};
  }

  /** Dates and log2 values, sorted by date. */
  private record Points(double[] x, double[] y) {
    static Points of(double[] dates, double[] metric) {
      if (dates.length != metric.length) {
        throw new IllegalArgumentException(dates.length + " dates but " + metric.length + " values");
      }
      Integer[] order = IntStream.range(0, dates.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble(i -> dates[i]));
      double[] x = new double[dates.length];
      double[] y = new double[dates.length];
      for (int k = 0; k < order.length; k++) {
        int i = order[k];
        if (!(metric[i] > 0) || !Double.isFinite(metric[i]) || !Double.isFinite(dates[i])) {
          throw new IllegalArgumentException(
              "point " + i + " (date " + dates[i] + ", value " + metric[i] + ") needs a finite date and a positive finite value");
        }
        x[k] = dates[i];
        y[k] = Math.log(metric[i]) / Math.log(2);
      }
      return new Points(x, y);
    }

    int size() {
      return x.length;
    }
  }

  /** Prefix sums that give any segment's least-squares SSR in O(1). */
  private static final class PrefixSums {
    private final double[] sx;
    private final double[] sy;
    private final double[] sxx;
    private final double[] sxy;
    private final double[] syy;
    private final double x0;
    private final double y0;

    PrefixSums(Points p) {
      int n = p.size();
      // Shifted by the first point: keeps the sums of squares small and precise.
      x0 = n == 0 ? 0 : p.x[0];
      y0 = n == 0 ? 0 : p.y[0];
      sx = new double[n + 1];
      sy = new double[n + 1];
      sxx = new double[n + 1];
      sxy = new double[n + 1];
      syy = new double[n + 1];
      for (int i = 0; i < n; i++) {
        double x = p.x[i] - x0;
        double y = p.y[i] - y0;
        sx[i + 1] = sx[i] + x;
        sy[i + 1] = sy[i] + y;
        sxx[i + 1] = sxx[i] + x * x;
        sxy[i + 1] = sxy[i] + x * y;
        syy[i + 1] = syy[i] + y * y;
      }
    }

    /** SSR of the least-squares line through points [i, j). */
    double ssr(int i, int j) {
      double n = j - i;
      double mx = (sx[j] - sx[i]) / n;
      double my = (sy[j] - sy[i]) / n;
      double cxx = sxx[j] - sxx[i] - n * mx * mx;
      double cxy = sxy[j] - sxy[i] - n * mx * my;
      double cyy = syy[j] - syy[i] - n * my * my;
      return cxx <= 0 ? Math.max(cyy, 0) : Math.max(cyy - cxy * cxy / cxx, 0);
    }
  }
}
