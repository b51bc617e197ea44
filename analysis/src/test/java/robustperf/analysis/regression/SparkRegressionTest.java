package robustperf.analysis.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static robustperf.analysis.regression.OlsTest.assertRelative;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import robustperf.ingest.SharedSparkSession;

/** The same fits on Spark partitions as in memory: folds must not depend on where rows live. */
@Tag("slow")
class SparkRegressionTest {

  @Test
  void olsAndMmOnSparkEqualTheInMemoryFits() {
    RegressionFixture fixture = RegressionFixture.load("compute_trend");
    List<String> predictors = List.of("log10_compute", "year");
    ArrayObservations local = fixture.observations("log10_inv_error", predictors);
    List<Row> rows = new ArrayList<>();
    double[] y = fixture.columns().get("log10_inv_error");
    for (int i = 0; i < y.length; i++) {
      rows.add(RowFactory.create(y[i], fixture.columns().get("log10_compute")[i], fixture.columns().get("year")[i]));
    }
    // A null row is dropped by SparkObservations, as documented.
    rows.add(RowFactory.create(null, 1.0, 2020.0));
    StructType schema = new StructType().add("y", DataTypes.DoubleType).add("log10_compute", DataTypes.DoubleType).add("year", DataTypes.DoubleType);
    Dataset<Row> data = SharedSparkSession.get().createDataFrame(rows, schema).repartition(5);
    SparkObservations distributed = SparkObservations.of(data, "y", "log10_compute", "year");
    try {
      OlsFit a = Ols.fit(local, predictors);
      OlsFit b = Ols.fit(distributed, predictors);
      assertEquals(a.n(), b.n());
      for (int i = 0; i < 3; i++) {
        Coefficient ca = a.coefficients().get(i);
        Coefficient cb = b.coefficients().get(i);
        assertRelative(ca.estimate(), cb.estimate(), 1e-9, ca.term());
        assertRelative(ca.se(), cb.se(), 1e-9, ca.term() + " se");
        assertRelative(ca.seHc1(), cb.seHc1(), 1e-9, ca.term() + " hc1");
      }
      QuantileFit mm = QuantileRegression.fitMm(distributed, predictors, 0.1, 1e-10, 5000);
      QuantileFit exact = QuantileRegression.fitExact(local, predictors, 0.1, 0, 1);
      assertTrue(mm.converged());
      assertEquals(y.length, mm.n());
      assertRelative(exact.objective(), mm.objective(), 1e-6, "MM on Spark");
    } finally {
      distributed.release();
    }
  }
}
