package robustperf.analysis.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import robustperf.analysis.pareto.Objective;
import robustperf.analysis.pareto.ParetoFront;
import robustperf.analysis.regression.ArrayObservations;
import robustperf.analysis.regression.Ols;
import robustperf.analysis.regression.OlsFit;
import robustperf.analysis.regression.QuantileFit;
import robustperf.analysis.regression.QuantileRegression;

/**
 * The RobustPerf side of bench/statistics: the same operations as reference.py on the same
 * files. Prints "impl,n,operation,seconds,peak_rss_mib,value" lines (value: the OLS slope of
 * log10_compute, the quantile fit's check loss, the front's size). Run by bench/statistics/run.sh.
 */
public final class StatisticsBench {
  private StatisticsBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    double[] y = read(dir.resolve("log10_inv_error.f64"));
    double[] compute = read(dir.resolve("log10_compute.f64"));
    double[] year = read(dir.resolve("year.f64"));
    double[] clean = read(dir.resolve("clean_acc.f64"));
    double[] robust = read(dir.resolve("robust_acc.f64"));
    double[] flops = read(dir.resolve("flops.f64"));
    int n = y.length;
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {compute[i], year[i]};
    }
    ArrayObservations data = ArrayObservations.of(y, x);
    List<String> names = List.of("log10_compute", "year");

    // Each regression runs twice: the first call includes the JIT compiling the code, the second
    // is the steady state a long-lived job (or notebook) sees.
    QuantileFit exact = null;
    QuantileFit mm = null;
    for (int call = 1; call <= 2; call++) {
      long t = System.nanoTime();
      OlsFit ols = Ols.fit(data, names);
      report(n, "ols+hc1 (call " + call + ")", t, ols.coefficients().get(1).estimate());

      t = System.nanoTime();
      exact = QuantileRegression.fitExact(data, names, 0.1, 0, 1);
      report(n, "quantile tau=0.1 exact (call " + call + ")", t, exact.objective());

      t = System.nanoTime();
      mm = QuantileRegression.fitMm(data, names, 0.1, 1e-6, 1000);
      report(n, "quantile tau=0.1 mm (call " + call + ")", t, mm.objective());
    }
    System.err.printf("exact loss %.9g, mm loss %.9g (relative gap %.2e)%n",
        exact.objective(), mm.objective(), (mm.objective() - exact.objective()) / exact.objective());

    long t = System.nanoTime();
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] = new double[] {clean[i], robust[i], flops[i]};
    }
    ParetoFront front = ParetoFront.of(points, Objective.MAXIMIZE, Objective.MAXIMIZE, Objective.MINIMIZE);
    int size = 0;
    for (int i = 0; i < n; i++) {
      size += Boolean.TRUE.equals(front.onFront(i)) ? 1 : 0;
    }
    report(n, "pareto 3-objective (front " + size + ")", t, size);
  }

  private static void report(int n, String op, long start, double value) throws IOException {
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "robustperf,%d,%s,%.3f,%.0f,%.9g%n", n, op, seconds, peakRssMib(), value);
  }

  /** Peak resident memory of this process, from /proc (VmHWM), MiB. */
  private static double peakRssMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  static double[] read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[bytes.remaining() / 8];
    bytes.asDoubleBuffer().get(values);
    return values;
  }
}
