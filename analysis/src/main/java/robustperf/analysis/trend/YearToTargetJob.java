package robustperf.analysis.trend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.analysis.cost.TimeToTargetJob.Target;
import robustperf.analysis.regression.Percentiles;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.ingest.schema.RecordRows;
import robustperf.tables.trend.YearForecastRow;

/**
 * Spark job: the year each RobustBench leaderboard reaches target accuracies, from the trend of
 * log10(1/error) on the publication date (Thompson et al.'s response), fitted twice: on all
 * entries (the field's average progress) and on the record-setting entries only ({@link
 * RecordSetting}: the state of the art). The year is where the line reaches the target; its
 * interval is the pairs bootstrap's, with lines that do not rise counting as never.
 */
public final class YearToTargetJob {
  /**
   * @param targets the accuracies
   * @param bootstrapReplicates replicates
   * @param seed resampling seed
   */
  public record Options(List<Target> targets, int bootstrapReplicates, long seed) {
    public Options {
      targets = List.copyOf(targets);
    }

    /** @return AutoAttack 70, 75 and 80%, clean 95%; 1000 replicates */
    public static Options defaults() {
      return new Options(
          List.of(new Target("robust", 70), new Target("robust", 75), new Target("robust", 80), new Target("clean", 95)),
          1000, 20261130L);
    }
  }

  private final Options options;

  public YearToTargetJob(Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param entries the robustbench_entries table
   * @return one {@link YearForecastRow} per leaderboard, target and fit
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> entries) {
    Map<String, List<RobustBenchEntry>> boards = LeaderboardTrendJob.byLeaderboard(entries);
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, List<RobustBenchEntry>> board : boards.entrySet()) {
      for (Target target : options.targets()) {
        Function<RobustBenchEntry, Double> accuracy =
            target.metric().equals("robust") ? RobustBenchEntry::autoattackAccPct : RobustBenchEntry::cleanAccPct;
        List<double[]> points = board.getValue().stream()
            .map(r -> new double[] {LeaderboardTrendJob.decimalDate(r.pubYear(), r.pubMonth()), accuracy.apply(r)})
            .sorted(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]))
            .toList();
        if (points.size() < 3) {
          continue;
        }
        double best = points.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        Double firstReached = points.stream().filter(p -> p[1] >= target.pct()).map(p -> p[0]).findFirst().orElse(null);
        out.add(row(board.getKey(), target, "ols, all entries", points, best, firstReached));
        List<double[]> records = RecordSetting.of(points);
        if (records.size() >= 3) {
          out.add(row(board.getKey(), target, "ols, record-setting entries", records, best, firstReached));
        }
      }
    }
    return spark.createDataFrame(out, RecordRows.schema(YearForecastRow.class));
  }

  private Row row(String board, Target target, String fit, List<double[]> points, double best, Double firstReached) {
    int n = points.size();
    double[] date = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> Math.log10(100 / (100 - p[1]))).toArray();
    double level = Math.log10(100 / (100 - target.pct()));
    double[] line = DoublingRates.line(date, y);
    Double year = line[1] > 0 ? (level - line[0]) / line[1] : null;
    Random random = new Random(options.seed());
    double[] years = new double[options.bootstrapReplicates()];
    double[] bx = new double[n];
    double[] by = new double[n];
    for (int r = 0; r < years.length; r++) {
      for (int i = 0; i < n; i++) {
        int j = random.nextInt(n);
        bx[i] = date[j];
        by[i] = y[j];
      }
      double[] b = DoublingRates.line(bx, by);
      years[r] = b[1] > 0 ? (level - b[0]) / b[1] : Double.POSITIVE_INFINITY;
    }
    Arrays.sort(years);
    int reached = (int) Arrays.stream(years).filter(Double::isFinite).count();
    double low = years.length == 0 ? Double.NaN : Percentiles.withUnbounded(years, 0.025);
    double high = years.length == 0 ? Double.NaN : Percentiles.withUnbounded(years, 0.975);
    return RecordRows.toRow(new YearForecastRow(
        board, target.metric() + "_error", target.pct(), fit, n, line[1], line[2], year,
        Double.isFinite(low) ? low : null, Double.isFinite(high) ? high : null, reached, years.length, best, firstReached,
        year == null ? "the line does not rise: no year" : null,
        "forecast: linear trend of log10(1/error) on publication date, extrapolated", LeaderboardTrendJob.FILTER,
        options.seed()));
  }
}
