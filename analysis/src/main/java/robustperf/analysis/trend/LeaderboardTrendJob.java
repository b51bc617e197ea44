package robustperf.analysis.trend;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.analysis.regression.ArrayObservations;
import robustperf.analysis.regression.FitRows;
import robustperf.ingest.robustbench.EntryExclusion;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.ingest.schema.RecordRows;
import robustperf.tables.PipelineTables;
import robustperf.tables.regression.FitRow;
import robustperf.tables.trend.DoublingRow;

/**
 * Spark job: progress over time on each RobustBench leaderboard. OLS and tau = 0.1 quantile fits
 * of log10(1/error) on the publication date, robust and clean; doubling times of 1/robust error
 * (the robust error's halving time), over all years and, where a leaderboard has enough entries,
 * in two eras found by breakpoint search. Leaderboards are small, so each is fitted on the driver.
 */
public final class LeaderboardTrendJob {
  /** Entries a trend can use: dated, with both accuracies below 100%. */
  public static final String DATED =
      "pub_year IS NOT NULL AND clean_acc_pct IS NOT NULL AND autoattack_acc_pct IS NOT NULL"
          + " AND autoattack_acc_pct < 100 AND clean_acc_pct < 100";

  /** Entries taken: {@link #DATED} ones the analyses' rule takes ({@link EntryExclusion}). */
  public static final String FILTER = DATED + " AND " + EntryExclusion.TAKEN;

  /** {@link #FILTER} with the broken defences put back: what the rule changes, for the sensitivity table. */
  public static final String FILTER_WITH_BROKEN = DATED + " AND " + EntryExclusion.TAKEN_WITH_BROKEN;

  /**
   * @param minimumEraSize fewest entries per era in the breakpoint search
   * @param bootstrapReplicates replicates for quantile and doubling intervals
   * @param seed bootstrap seed
   * @param filter the entries taken: {@link #FILTER}, or {@link #FILTER_WITH_BROKEN} for the sensitivity table
   */
  public record Options(int minimumEraSize, int bootstrapReplicates, long seed, String filter) {
    /**
     * @param filter the entries taken
     * @return eras of at least 15 entries, 500 replicates, the seed the tables name
     */
    public static Options defaults(String filter) {
      return new Options(15, 500, 20261124L, filter);
    }
  }

  /**
   * @param fits one row per coefficient ({@link FitRow})
   * @param doubling one row per era ({@link DoublingRow})
   */
  public record Output(Dataset<Row> fits, Dataset<Row> doubling) {}

  private final Options options;

  public LeaderboardTrendJob(Options options) {
    this.options = options;
  }

  /**
   * @param spark the session
   * @param entries the robustbench_entries table
   * @return the two tables
   */
  public Output run(SparkSession spark, Dataset<Row> entries) {
    Map<String, List<RobustBenchEntry>> boards = byLeaderboard(entries, options.filter());
    String filter = options.filter();
    List<Row> fits = new ArrayList<>();
    List<Row> doubling = new ArrayList<>();
    for (Map.Entry<String, List<RobustBenchEntry>> board : boards.entrySet()) {
      List<RobustBenchEntry> rows = board.getValue();
      double[] date = rows.stream().mapToDouble(r -> decimalDate(r.pubYear(), r.pubMonth())).toArray();
      double[][] x = new double[date.length][];
      for (int i = 0; i < date.length; i++) {
        x[i] = new double[] {date[i]};
      }
      for (String kind : List.of("robust", "clean")) {
        Function<RobustBenchEntry, Double> accuracy = kind.equals("robust") ? RobustBenchEntry::autoattackAccPct : RobustBenchEntry::cleanAccPct;
        double[] inverseError = rows.stream().mapToDouble(r -> 100.0 / (100.0 - accuracy.apply(r))).toArray();
        double[] y = java.util.Arrays.stream(inverseError).map(Math::log10).toArray();
        String formula = "log10(1/" + kind + "_error) ~ pub_date";
        if (rows.size() > 3) {
          FitRows.olsAndQuantile(board.getKey(), formula, filter, ArrayObservations.of(y, x), List.of("pub_date"), 0.1,
                  options.bootstrapReplicates(), options.seed())
              .forEach(r -> fits.add(RecordRows.toRow(r)));
        }
        if (kind.equals("robust") && rows.size() >= 3) {
          for (EraFit era : DoublingRates.fit(date, inverseError, new double[0], options.bootstrapReplicates(), options.seed())) {
            doubling.add(RecordRows.toRow(era.row(board.getKey(), "1/robust_error", "one era", filter, options.seed())));
          }
          if (rows.size() >= 2 * options.minimumEraSize()) {
            String method = "breakpoint search (2 eras, min " + options.minimumEraSize() + ")";
            for (EraFit era : DoublingRates.findEras(date, inverseError, 2, options.minimumEraSize(), options.bootstrapReplicates(), options.seed())) {
              doubling.add(RecordRows.toRow(era.row(board.getKey(), "1/robust_error", method, filter, options.seed())));
            }
          }
        }
      }
    }
    return new Output(
        spark.createDataFrame(fits, RecordRows.schema(FitRow.class)),
        spark.createDataFrame(doubling, RecordRows.schema(DoublingRow.class)));
  }

  /**
   * The entries the trends are fitted on, by leaderboard in name order.
   *
   * @param entries the robustbench_entries table
   * @return leaderboard to its entries that pass {@link #FILTER}
   */
  public static Map<String, List<RobustBenchEntry>> byLeaderboard(Dataset<Row> entries) {
    return byLeaderboard(entries, FILTER);
  }

  /**
   * @param entries the robustbench_entries table
   * @param filter which entries
   * @return leaderboard to its entries that pass the filter, each board's in model-id order (so
   *     that fits and their bootstrap resamples never depend on the order Spark returns rows in)
   */
  public static Map<String, List<RobustBenchEntry>> byLeaderboard(Dataset<Row> entries, String filter) {
    return entries.filter(filter).collectAsList().stream().map(PipelineTables.ROBUSTBENCH_ENTRIES::fromRow)
        .sorted(Comparator.comparing(RobustBenchEntry::leaderboard).thenComparing(RobustBenchEntry::modelId))
        .collect(Collectors.groupingBy(RobustBenchEntry::leaderboard, java.util.TreeMap::new, Collectors.toList()));
  }

  /**
   * @param year publication year
   * @param month publication month 1-12, or null
   * @return the year plus the middle of the month, or of the year when the month is unknown
   */
  public static double decimalDate(int year, Integer month) {
    return month == null ? year + 0.5 : year + (month - 0.5) / 12.0;
  }
}
