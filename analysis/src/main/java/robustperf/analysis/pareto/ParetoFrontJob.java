package robustperf.analysis.pareto;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark job: marks each row on or off the Pareto front of its group (e.g. its leaderboard). Adds
 * {@code on_front} (null where an objective is null or NaN, or where the exclusion column says the
 * row is left out) and {@code front_size} (points on the front in the group) and {@code
 * excluded_in_group} (rows left out for a missing value or an exclusion).
 */
public final class ParetoFrontJob {
  /**
   * @param groupColumn fronts are computed within each value of this column
   * @param objectives the columns and their directions
   * @param exclusionColumn a column whose non-null value leaves the row out of the front (it is kept
   *     in the output, unranked), or null for none
   */
  public record Options(String groupColumn, List<ObjectiveColumn> objectives, String exclusionColumn) {
    public Options {
      objectives = List.copyOf(objectives);
      if (objectives.isEmpty()) {
        throw new IllegalArgumentException("a Pareto front needs at least one objective column");
      }
    }

    /** Every row with its objectives takes part. */
    public Options(String groupColumn, List<ObjectiveColumn> objectives) {
      this(groupColumn, objectives, null);
    }
  }

  private final Options options;

  public ParetoFrontJob(Options options) {
    this.options = options;
  }

  /**
   * Computes the fronts.
   *
   * @param input rows with the group and objective columns
   * @return the input rows with on_front, front_size and excluded_in_group added
   */
  public Dataset<Row> apply(Dataset<Row> input) {
    // Small groups (a leaderboard, a dataset's runs) fit one task each; per-partition skylines
    // merged across partitions are for the large-input path of the statistics work.
    StructType schema =
        input.schema()
            .add("on_front", DataTypes.BooleanType, true)
            .add("front_size", DataTypes.IntegerType, false)
            .add("excluded_in_group", DataTypes.IntegerType, false);
    int[] columns =
        options.objectives().stream().mapToInt(o -> input.schema().fieldIndex(o.column())).toArray();
    Objective[] directions = options.objectives().stream().map(ObjectiveColumn::objective).toArray(Objective[]::new);
    int exclusion = options.exclusionColumn() == null ? -1 : input.schema().fieldIndex(options.exclusionColumn());
    String group = options.groupColumn();
    FlatMapGroupsFunction<String, Row, Row> mark =
        (key, rows) -> {
          List<Row> members = new ArrayList<>();
          rows.forEachRemaining(members::add);
          double[][] points = new double[members.size()][];
          for (int i = 0; i < points.length; i++) {
            points[i] = exclusion >= 0 && !members.get(i).isNullAt(exclusion)
                ? missing(columns.length) // an excluded row counts as one with a missing objective
                : valuesOf(members.get(i), columns);
          }
          ParetoFront front = ParetoFront.of(points, directions);
          int size = 0;
          for (int i = 0; i < points.length; i++) {
            size += Boolean.TRUE.equals(front.onFront(i)) ? 1 : 0;
          }
          List<Row> out = new ArrayList<>(members.size());
          for (int i = 0; i < points.length; i++) {
            Object[] values = new Object[schema.size()];
            int n = members.get(i).length();
            for (int c = 0; c < n; c++) {
              values[c] = members.get(i).get(c);
            }
            values[n] = front.onFront(i);
            values[n + 1] = size;
            values[n + 2] = front.excluded();
            out.add(RowFactory.create(values));
          }
          return out.iterator();
        };
    int groupIndex = input.schema().fieldIndex(group);
    return input
        .groupByKey(
            (MapFunction<Row, String>) r -> r.isNullAt(groupIndex) ? null : r.get(groupIndex).toString(),
            Encoders.STRING())
        .flatMapGroups(mark, Encoders.row(schema));
  }

  private static double[] missing(int objectives) {
    double[] values = new double[objectives];
    java.util.Arrays.fill(values, Double.NaN);
    return values;
  }

  /** A null objective counts as missing, like NaN: such a row is excluded, never ranked. */
  private static double[] valuesOf(Row row, int[] columns) {
    double[] values = new double[columns.length];
    for (int k = 0; k < columns.length; k++) {
      values[k] = row.isNullAt(columns[k]) ? Double.NaN : ((Number) row.get(columns[k])).doubleValue();
    }
    return values;
  }
}
