package robustperf.analysis.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import robustperf.analysis.cost.TimeToTargetJob.Target;
import robustperf.ingest.SharedSparkSession;

class YearToTargetJobTest {
  private static final StructType ENTRIES = new StructType()
      .add("leaderboard", DataTypes.StringType).add("pub_year", DataTypes.IntegerType).add("pub_month", DataTypes.IntegerType)
      .add("clean_acc_pct", DataTypes.DoubleType).add("autoattack_acc_pct", DataTypes.DoubleType)
      .add("unreliable", DataTypes.BooleanType);

  @Test
  void anExactLineGivesTheYearItReachesTheTarget() {
    // log10(1/robust error) = 0.2 + 0.05 * (date - 2018): 70% (error 0.3) at 2018 + (log10(1/0.3) - 0.2) / 0.05.
    List<Row> rows = new ArrayList<>();
    for (int year = 2018; year <= 2023; year++) {
      for (int month = 1; month <= 12; month += 3) {
        double date = LeaderboardTrendJob.decimalDate(year, month);
        double robust = 100 * (1 - Math.pow(10, -(0.2 + 0.05 * (date - 2018))));
        rows.add(RowFactory.create("board", year, month, 90.0, robust, false));
      }
    }
    // A flat leaderboard never gets there.
    for (int year = 2018; year <= 2021; year++) {
      rows.add(RowFactory.create("flat", year, 6, 90.0, 50.0, false));
    }
    Dataset<Row> entries = SharedSparkSession.get().createDataFrame(rows, ENTRIES);
    List<Row> out = new YearToTargetJob(new YearToTargetJob.Options(List.of(new Target("robust", 70)), 200, 1))
        .apply(SharedSparkSession.get(), entries).collectAsList();
    double expected = 2018 + (Math.log10(1 / 0.3) - 0.2) / 0.05;
    for (Row r : out) {
      if (r.getAs("leaderboard").equals("board")) {
        assertEquals(expected, r.<Double>getAs("year"), 1e-9, r.<String>getAs("fit"));
        assertEquals(expected, r.<Double>getAs("year_ci_low"), 1e-9);
        assertEquals(expected, r.<Double>getAs("year_ci_high"), 1e-9);
        assertEquals(1.0, r.<Double>getAs("r2"), 1e-12);
      } else {
        assertEquals("ols, all entries", r.getAs("fit"), "a flat board has one record-setting entry, too few to fit");
        assertNull(r.getAs("year"));
        assertEquals("the line does not rise: no year", r.getAs("reason"));
      }
    }
    assertEquals(3, out.size());
  }
}
