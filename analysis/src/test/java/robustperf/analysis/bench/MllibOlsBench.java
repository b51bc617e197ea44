package robustperf.analysis.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import robustperf.analysis.regression.Coefficient;
import robustperf.analysis.regression.Ols;
import robustperf.analysis.regression.OlsFit;
import robustperf.analysis.regression.SparkObservations;
import robustperf.ingest.session.SparkSessions;

/**
 * Spark MLlib's {@code LinearRegression} (normal-equation solver, no regularization) beside our
 * {@link Ols} on the same cached Spark Dataset of the statistics bench's files, in one process:
 * time of each fit, and the largest differences of their coefficients and classical standard
 * errors. Run by bench/statistics/mllib.sh. Prints impl,n,operation,seconds,value lines.
 */
public final class MllibOlsBench {
  private MllibOlsBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    double[] y = StatisticsBench.read(dir.resolve("log10_inv_error.f64"));
    double[] compute = StatisticsBench.read(dir.resolve("log10_compute.f64"));
    double[] year = StatisticsBench.read(dir.resolve("year.f64"));
    int n = y.length;
    SparkSession spark = SparkSessions.create("MllibOlsBench");
    try {
      List<Row> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add(RowFactory.create(y[i], compute[i], year[i]));
      }
      StructType schema =
          new StructType()
              .add("y", DataTypes.DoubleType, false)
              .add("log10_compute", DataTypes.DoubleType, false)
              .add("year", DataTypes.DoubleType, false);
      Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(8).cache();
      rows = null;
      Dataset<Row> assembled =
          new VectorAssembler().setInputCols(new String[] {"log10_compute", "year"}).setOutputCol("features").transform(data).cache();
      System.err.printf(Locale.ROOT, "%d rows cached (%d, %d)%n", n, data.count(), assembled.count());

      // Each fit twice: the first call includes the JIT, the second is the steady state.
      LinearRegressionModel mllib = null;
      OlsFit ours = null;
      for (int call = 1; call <= 2; call++) {
        long t = System.nanoTime();
        mllib = new LinearRegression().setSolver("normal").setRegParam(0).setElasticNetParam(0).setStandardization(false)
            .setLabelCol("y").setFeaturesCol("features").fit(assembled);
        mllib.summary().coefficientStandardErrors();
        report(n, "spark-mllib", "LinearRegression normal; classical standard errors (call " + call + ")", t, mllib.coefficients().apply(0));

        t = System.nanoTime();
        ours = Ols.fit(SparkObservations.of(data, "y", "log10_compute", "year"), List.of("log10_compute", "year"));
        report(n, "robustperf", "Ols on Spark; classical and HC1 standard errors (call " + call + ")", t, ours.coefficients().get(1).estimate());
      }
      // MLlib's standard errors list the coefficients first and the intercept last.
      double[] se = mllib.summary().coefficientStandardErrors();
      double[] mllibEstimates = {mllib.intercept(), mllib.coefficients().apply(0), mllib.coefficients().apply(1)};
      double[] mllibSe = {se[2], se[0], se[1]};
      double estimateGap = 0;
      double seGap = 0;
      for (int j = 0; j < 3; j++) {
        Coefficient c = ours.coefficients().get(j);
        estimateGap = Math.max(estimateGap, Math.abs(c.estimate() - mllibEstimates[j]) / Math.max(1e-300, Math.abs(c.estimate())));
        seGap = Math.max(seGap, Math.abs(c.se() - mllibSe[j]) / c.se());
      }
      System.out.printf(Locale.ROOT, "compare,%d,largest relative difference of the estimates,,%.3g%n", n, estimateGap);
      System.out.printf(Locale.ROOT, "compare,%d,largest relative difference of the classical standard errors,,%.3g%n", n, seGap);
    } finally {
      spark.stop();
    }
  }

  private static void report(int n, String impl, String op, long start, double value) {
    System.out.printf(Locale.ROOT, "%s,%d,%s,%.3f,%.9g%n", impl, n, op, (System.nanoTime() - start) / 1e9, value);
  }
}
