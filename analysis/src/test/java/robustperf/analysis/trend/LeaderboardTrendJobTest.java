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
import robustperf.tables.PipelineTables;
import robustperf.tables.regression.FitRow;
import robustperf.tables.regression.FitSummaryRow;
import robustperf.tables.trend.DoublingRow;

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
      List<FitRow> rows = PipelineTables.LEADERBOARD_FITS.fromRows(output.fits().filter("group_value = '" + board + "'"));
      // 2 responses x (OLS + tau 0.1) x 2 terms
      assertEquals(8, rows.size(), board);
      for (FitRow r : rows) {
        assertEquals(expectedN, r.n(), board);
        assertEquals(LeaderboardTrendJob.FILTER, r.inputFilter());
      }
    }
  }

  @Test
  void theSummaryHasOneRowPerFitWithItsEstimates() {
    List<FitSummaryRow> fits = PipelineTables.LEADERBOARD_FIT_SUMMARY.fromRows(robustperf.analysis.regression.FitSummary.of(output.fits()));
    // 4 leaderboards x 2 responses x (OLS, tau = 0.1)
    assertEquals(16, fits.size());
    for (FitSummaryRow f : fits) {
      assertEquals(2, f.estimates().size(), f.toString());
      assertTrue(f.estimates().containsKey("pub_date"));
    }
  }

  @Test
  void theOneEraDoublingSlopeIsTheOlsSlopeInLog2() {
    for (DoublingRow d : PipelineTables.LEADERBOARD_DOUBLING.fromRows(output.doubling().filter("era_method = 'one era'"))) {
      String board = d.groupValue();
      FitRow ols = PipelineTables.LEADERBOARD_FITS.fromRow(
          output.fits()
              .filter("group_value = '" + board + "' and method = 'ols' and term = 'pub_date' and formula like 'log10(1/robust_error)%'")
              .first());
      double log10Slope = ols.estimate();
      assertEquals(log10Slope / Math.log10(2), d.slopeLog2PerYear(), 1e-9, board);
      assertEquals(12 / d.slopeLog2PerYear(), d.doublingMonths(), 1e-9, board);
    }
  }

  @Test
  void breakpointErasCoverTheLeaderboardOnce() {
    List<DoublingRow> eras = PipelineTables.LEADERBOARD_DOUBLING.fromRows(
        output.doubling().filter("group_value = 'cifar10/Linf' and era_method like 'breakpoint%'").orderBy("from_date"));
    assertEquals(2, eras.size());
    long n = entries.filter(LeaderboardTrendJob.FILTER).filter("leaderboard = 'cifar10/Linf'").count();
    assertEquals(n, eras.get(0).n() + eras.get(1).n());
    assertTrue(eras.get(0).toDate() < eras.get(1).fromDate());
  }

  @Test
  void theBrokenDefencesAreLeftOutOfTheTrendsAndPutBackOnlyInTheSensitivityVariant() {
    long taken = entries.filter(LeaderboardTrendJob.FILTER).filter("leaderboard = 'cifar10/Linf'").count();
    long withBroken = entries.filter(LeaderboardTrendJob.FILTER_WITH_BROKEN).filter("leaderboard = 'cifar10/Linf'").count();
    assertEquals(4, withBroken - taken, "ClusTR, Jacobian, manifold regularization and PCL: AutoAttack below 5%");
    DoublingRow oneEra = PipelineTables.LEADERBOARD_DOUBLING.fromRow(
        output.doubling().filter("group_value = 'cifar10/Linf' and era_method = 'one era'").first());
    assertEquals(taken, (long) oneEra.n());
    LeaderboardTrendJob.Output variant = new LeaderboardTrendJob(new LeaderboardTrendJob.Options(15, 100, 1, LeaderboardTrendJob.FILTER_WITH_BROKEN))
        .run(SharedSparkSession.get(), entries);
    DoublingRow withThem = PipelineTables.LEADERBOARD_DOUBLING.fromRow(
        variant.doubling().filter("group_value = 'cifar10/Linf' and era_method = 'one era'").first());
    assertEquals(withBroken, (long) withThem.n());
    assertEquals(LeaderboardTrendJob.FILTER_WITH_BROKEN, withThem.inputFilter());
    // Zero-robustness points early on flatten the early years and shorten the halving time.
    assertTrue(withThem.doublingMonths() < oneEra.doublingMonths());
  }
}
