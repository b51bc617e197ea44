package robustperf.analysis.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import robustperf.analysis.cost.TimeToTargetJob.Target;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.tables.PipelineTables;
import robustperf.tables.trend.YearForecastRow;

class YearToTargetJobTest {
  /** An entry with what the trends read; everything else unknown. */
  private static RobustBenchEntry entry(String board, int year, int month, double clean, double robust, String exclusion, String modelId) {
    return new RobustBenchEntry(board, null, null, modelId, null, null, null, null, year, month, null, null, null, null, null, null,
        null, null, null, null, clean, robust, null, null, false, exclusion, null, null, null, null);
  }

  private static Dataset<Row> entries(List<RobustBenchEntry> rows) {
    return PipelineTables.ROBUSTBENCH_ENTRIES.dataset(SharedSparkSession.get(), rows);
  }

  @Test
  void anExactLineGivesTheYearItReachesTheTarget() {
    // log10(1/robust error) = 0.2 + 0.05 * (date - 2018): 70% (error 0.3) at 2018 + (log10(1/0.3) - 0.2) / 0.05.
    List<RobustBenchEntry> rows = new ArrayList<>();
    for (int year = 2018; year <= 2023; year++) {
      for (int month = 1; month <= 12; month += 3) {
        double date = LeaderboardTrendJob.decimalDate(year, month);
        double robust = 100 * (1 - Math.pow(10, -(0.2 + 0.05 * (date - 2018))));
        rows.add(entry("board", year, month, 90.0, robust, null, "b" + year + "-" + month));
      }
    }
    // A flat leaderboard never gets there.
    for (int year = 2018; year <= 2021; year++) {
      rows.add(entry("flat", year, 6, 90.0, 50.0, null, "f" + year));
    }
    Dataset<Row> entries = entries(rows);
    List<YearForecastRow> out = new YearToTargetJob(new YearToTargetJob.Options(List.of(new Target("robust", 70)), 200, 1))
        .apply(SharedSparkSession.get(), entries).collectAsList().stream().map(PipelineTables.YEAR_FORECAST::fromRow).toList();
    double expected = 2018 + (Math.log10(1 / 0.3) - 0.2) / 0.05;
    for (YearForecastRow r : out) {
      if (r.leaderboard().equals("board")) {
        assertEquals(expected, r.year(), 1e-9, r.fit());
        assertEquals(expected, r.yearCiLow(), 1e-9);
        assertEquals(expected, r.yearCiHigh(), 1e-9);
        assertEquals(1.0, r.r2(), 1e-12);
      } else {
        assertEquals("ols, all entries", r.fit(), "a flat board has one record-setting entry, too few to fit");
        assertNull(r.year());
        assertEquals("the line does not rise: no year", r.reason());
      }
    }
    assertEquals(3, out.size());
  }

  @Test
  void recordSettingEntriesAndTheirYearDoNotDependOnRowOrderOrPartitions() {
    // Three papers of one month, one of them the month's best; a later weaker one; a tie of two bests.
    List<RobustBenchEntry> rows = new ArrayList<>();
    rows.add(entry("board", 2018, 6, 90.0, 40.0, null, "a"));
    rows.add(entry("board", 2019, 3, 90.0, 44.0, null, "b1"));
    rows.add(entry("board", 2019, 3, 90.0, 47.0, null, "b2"));
    rows.add(entry("board", 2019, 3, 90.0, 45.0, null, "b3"));
    rows.add(entry("board", 2020, 1, 90.0, 46.0, null, "c"));
    rows.add(entry("board", 2021, 9, 90.0, 55.0, null, "d1"));
    rows.add(entry("board", 2021, 9, 90.0, 55.0, null, "d2"));
    rows.add(entry("board", 2022, 5, 90.0, 60.0, null, "e"));
    rows.add(entry("board", 2022, 8, 90.0, 3.0, "broken defence", "broken"));
    YearToTargetJob job = new YearToTargetJob(new YearToTargetJob.Options(List.of(new Target("robust", 70)), 200, 7));
    List<String> reference = null;
    java.util.Random shuffle = new java.util.Random(3);
    for (int trial = 0; trial < 6; trial++) {
      List<RobustBenchEntry> order = new ArrayList<>(rows);
      java.util.Collections.shuffle(order, shuffle);
      Dataset<Row> entries = entries(order).repartition(1 + trial);
      List<String> out = job.apply(SharedSparkSession.get(), entries).collectAsList().stream().map(Row::toString).sorted().toList();
      if (reference == null) {
        reference = out;
      }
      assertEquals(reference, out, "trial " + trial);
    }
    YearForecastRow records = job.apply(SharedSparkSession.get(), entries(rows)).collectAsList().stream().map(PipelineTables.YEAR_FORECAST::fromRow).toList().stream()
        .filter(r -> r.fit().equals("ols, record-setting entries")).findFirst().orElseThrow();
    // 40 (2018), 47 (the 2019 month's best; 44 and 45 were not the state of the art), 55 twice (tied), 60; not 46, not the broken defence.
    assertEquals(5, records.n());
    assertEquals(7L, records.bootstrapSeed());
  }

  @Test
  void aRecordIsStrictlyAboveEveryEarlierDateAndTheBestOfItsOwn() {
    List<double[]> points = List.of(new double[] {2019.5, 44}, new double[] {2018.5, 40}, new double[] {2019.5, 47},
        new double[] {2020.1, 47}, new double[] {2021.7, 55}, new double[] {2021.7, 55}, new double[] {2019.5, 45});
    List<double[]> records = RecordSetting.of(points);
    assertEquals(List.of("2018.5:40.0", "2019.5:47.0", "2021.7:55.0", "2021.7:55.0"),
        records.stream().map(p -> p[0] + ":" + p[1]).toList(), "47 again in 2020 ties the record: not a new one");
    List<double[]> reversed = new ArrayList<>(points);
    java.util.Collections.reverse(reversed);
    assertEquals(records.stream().map(java.util.Arrays::toString).toList(),
        RecordSetting.of(reversed).stream().map(java.util.Arrays::toString).toList());
  }
}
