package robustperf.analysis.regression;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Observations in a Spark dataset, folded with treeAggregate: one pass per fold. */
public final class SparkObservations implements Observations {
  private final JavaRDD<double[]> rows;
  private final int predictors;

  private SparkObservations(JavaRDD<double[]> rows, int predictors) {
    this.rows = rows;
    this.predictors = predictors;
  }

  /**
   * Takes the response and predictor columns; rows with a null or non-finite value are dropped
   * (filter before if they must be counted).
   *
   * @param data the dataset
   * @param response numeric response column
   * @param predictors numeric predictor columns
   * @return the observations, cached (each fit makes several passes)
   */
  public static SparkObservations of(Dataset<Row> data, String response, String... predictors) {
    String[] columns = new String[predictors.length + 1];
    columns[0] = response;
    System.arraycopy(predictors, 0, columns, 1, predictors.length);
    JavaRDD<double[]> rows =
        data.selectExpr(columns).toJavaRDD()
            .map(SparkObservations::toArray)
            .filter(SparkObservations::finite)
            .cache();
    return new SparkObservations(rows, predictors.length);
  }

  private static double[] toArray(Row r) {
    double[] v = new double[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
    return v;
  }

  private static boolean finite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int predictors() {
    return predictors;
  }

  @Override
  public <A extends Serializable> A fold(A zero, Step<A> step, Merge<A> merge) {
    int p = predictors;
    return rows.treeAggregate(
        zero,
        (acc, row) -> {
          double[] x = new double[p];
          System.arraycopy(row, 1, x, 0, p);
          return step.add(acc, row[0], x);
        },
        merge::merge,
        2);
  }

  /** Releases the cached rows. */
  public void release() {
    rows.unpersist(false);
  }
}
