package robustperf.analysis.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.robustbench.RobustBenchIngest;

class LeaderboardTrendJobTest {
  private static Dataset<Row> entries;
  private static LeaderboardTrendJob.Output output;

  @BeforeAll
  static void runOnTheSnapshot() {
    Path modelInfo = SharedSparkSession.repo().resolve("data/robustbench/model_info");
    entries = new RobustBenchIngest(new RobustBenchIngest.Options(modelInfo.toString())).run(SharedSparkSession.get()).entries().cache();
    output = new LeaderboardTrendJob(new LeaderboardTrendJob.Options(15, 100, 1, LeaderboardTrendJob.FILTER)).run(SharedSparkSession.get(), entries);
  }

  @Test
  void fitsEveryLeaderboardOnTheFilteredEntries() {
    for (String board : List.of("cifar10/Linf", "cifar10/L2", "cifar100/Linf", "imagenet/Linf")) {
      long expectedN = entries.filter(LeaderboardTrendJob.FILTER).filter("leaderboard = '" + board + "'").count();
      List<Row> rows = output.fits().filter("group_value = '" + board + "'").collectAsList();
      // 2 responses x (OLS + tau 0.1) x 2 terms
      assertEquals(8, rows.size(), board);
      for (Row r : rows) {
        assertEquals(expectedN, r.<Long>getAs("n"), board);
        assertEquals(LeaderboardTrendJob.FILTER, r.getAs("input_filter"));
      }
    }
  }

  @Test
  void theSummaryHasOneRowPerFitWithItsEstimates() {
    List<Row> fits = robustperf.analysis.regression.FitSummary.of(output.fits()).collectAsList();
    // 4 leaderboards x 2 responses x (OLS, tau = 0.1)
    assertEquals(16, fits.size());
    for (Row f : fits) {
      scala.collection.Map<String, Double> estimates = f.getMap(f.fieldIndex("estimates"));
      assertEquals(2, estimates.size(), f.toString());
      assertTrue(estimates.contains("pub_date"));
    }
  }

  @Test
  void theOneEraDoublingSlopeIsTheOlsSlopeInLog2() {
    for (Row d : output.doubling().filter("era_method = 'one era'").collectAsList()) {
      String board = d.getAs("group_value");
      Row ols =
          output.fits()
              .filter("group_value = '" + board + "' and method = 'ols' and term = 'pub_date' and formula like 'log10(1/robust_error)%'")
              .first();
      double log10Slope = ols.getAs("estimate");
      assertEquals(log10Slope / Math.log10(2), d.<Double>getAs("slope_log2_per_year"), 1e-9, board);
      assertEquals(12 / d.<Double>getAs("slope_log2_per_year"), d.<Double>getAs("doubling_months"), 1e-9, board);
    }
  }

  @Test
  void breakpointErasCoverTheLeaderboardOnce() {
    List<Row> eras = output.doubling().filter("group_value = 'cifar10/Linf' and era_method like 'breakpoint%'").orderBy("from_date").collectAsList();
    assertEquals(2, eras.size());
    long n = entries.filter(LeaderboardTrendJob.FILTER).filter("leaderboard = 'cifar10/Linf'").count();
    assertEquals(n, eras.get(0).<Integer>getAs("n") + eras.get(1).<Integer>getAs("n"));
    assertTrue(eras.get(0).<Double>getAs("to_date") < eras.get(1).<Double>getAs("from_date"));
  }

  @Test
  void theBrokenDefencesAreLeftOutOfTheTrendsAndPutBackOnlyInTheSensitivityVariant() {
    long taken = entries.filter(LeaderboardTrendJob.FILTER).filter("leaderboard = 'cifar10/Linf'").count();
    long withBroken = entries.filter(LeaderboardTrendJob.FILTER_WITH_BROKEN).filter("leaderboard = 'cifar10/Linf'").count();
    assertEquals(4, withBroken - taken, "ClusTR, Jacobian, manifold regularization and PCL: AutoAttack below 5%");
    Row oneEra = output.doubling().filter("group_value = 'cifar10/Linf' and era_method = 'one era'").first();
    assertEquals(taken, (long) oneEra.<Integer>getAs("n"));
    LeaderboardTrendJob.Output variant = new LeaderboardTrendJob(new LeaderboardTrendJob.Options(15, 100, 1, LeaderboardTrendJob.FILTER_WITH_BROKEN))
        .run(SharedSparkSession.get(), entries);
    Row withThem = variant.doubling().filter("group_value = 'cifar10/Linf' and era_method = 'one era'").first();
    assertEquals(withBroken, (long) withThem.<Integer>getAs("n"));
    assertEquals(LeaderboardTrendJob.FILTER_WITH_BROKEN, withThem.getAs("input_filter"));
    // Zero-robustness points early on flatten the early years and shorten the halving time.
    assertTrue(withThem.<Double>getAs("doubling_months") < oneEra.<Double>getAs("doubling_months"));
  }
}
