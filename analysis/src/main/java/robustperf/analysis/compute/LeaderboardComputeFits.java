package robustperf.analysis.compute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.analysis.regression.ArrayObservations;
import robustperf.analysis.regression.FitRows;
import robustperf.ingest.schema.RecordRows;
import robustperf.tables.PipelineTables;
import robustperf.tables.compute.LeaderboardComputeRow;
import robustperf.tables.regression.FitRow;

/**
 * Spark job: Thompson et al.'s regressions on the leaderboards' training compute. Per leaderboard,
 * robust and clean: log10(1/error) on log10(training FLOPs), and with the publication date added
 * (the date standing for algorithmic progress), each by OLS with full inference and by the tau = 0.1
 * quantile (the 10% most compute-efficient entries) with bootstrap intervals; on every entry with
 * FLOPs and, for the sensitivity, on those whose FLOPs rest on high and medium figures only. The
 * group names the leaderboard and the entry set ("cifar10/Linf | all entries", "cifar10/Linf |
 * high-medium figures"); the input filter says it in SQL.
 */
public final class LeaderboardComputeFits {
  /** Fewest entries for a fit: a slope, a date and an intercept need some to spare. */
  public static final int MINIMUM_ENTRIES = 8;

  /**
   * @param bootstrapReplicates replicates of the quantile fits' intervals
   * @param seed their seed (in every row)
   */
  public record Options(int bootstrapReplicates, long seed) {
    /** @return 500 replicates, a fixed seed */
    public static Options defaults() {
      return new Options(500, 20261201L);
    }
  }

  private final Options options;

  public LeaderboardComputeFits(Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param compute leaderboard_training_compute
   * @return one {@link FitRow} per coefficient
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> compute) {
    List<Row> out = new ArrayList<>();
    for (String filter : LeaderboardComputeJob.ENTRY_SETS.keySet()) {
      Map<String, List<LeaderboardComputeRow>> boards = new TreeMap<>();
      PipelineTables.LEADERBOARD_COMPUTE.fromRows(compute.filter(filter)).stream()
          .sorted(Comparator.comparing(LeaderboardComputeRow::leaderboard).thenComparing(LeaderboardComputeRow::modelId))
          .forEach(r -> boards.computeIfAbsent(r.leaderboard(), k -> new ArrayList<>()).add(r));
      for (Map.Entry<String, List<LeaderboardComputeRow>> board : boards.entrySet()) {
        for (String kind : List.of("robust", "clean")) {
          Function<LeaderboardComputeRow, Double> column =
              kind.equals("robust") ? LeaderboardComputeRow::autoattackAccPct : LeaderboardComputeRow::cleanAccPct;
          String group = board.getKey() + " | " + LeaderboardComputeJob.ENTRY_SETS.get(filter);
          fit(group, kind, board.getValue(), column, false, filter, out);
          fit(group, kind, board.getValue(), column, true, filter, out);
        }
      }
    }
    return spark.createDataFrame(out, RecordRows.schema(FitRow.class));
  }

  private void fit(String board, String kind, List<LeaderboardComputeRow> rows, Function<LeaderboardComputeRow, Double> column,
      boolean withDate, String filter, List<Row> out) {
    if (rows.size() < MINIMUM_ENTRIES) {
      return;
    }
    double[] y = rows.stream().mapToDouble(r -> Math.log10(100 / (100 - column.apply(r)))).toArray();
    double[][] x = rows.stream()
        .map(r -> withDate
            ? new double[] {Math.log10(r.trainingFlopsCentral()), r.pubDate()}
            : new double[] {Math.log10(r.trainingFlopsCentral())})
        .toArray(double[][]::new);
    List<String> names = withDate ? List.of("log10_training_flops", "pub_date") : List.of("log10_training_flops");
    String formula = "log10(1/" + kind + "_error) ~ " + String.join(" + ", names);
    try {
      FitRows.olsAndQuantile(board, formula, filter, ArrayObservations.of(y, x), names, 0.1, options.bootstrapReplicates(), options.seed())
          .forEach(r -> out.add(RecordRows.toRow(r)));
    } catch (IllegalArgumentException collinear) {
      // e.g. every entry of one date: nothing to separate; the table simply has no such fit
    }
  }
}
