package robustperf.analysis.pareto;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The Pareto front of a large dataset: each partition keeps its own front (a point dominated in
 * its partition is dominated globally), and the union of those fronts, small, is reduced once
 * more. Rows with a null or NaN objective are excluded.
 */
public final class DistributedParetoFront {
  private final List<ObjectiveColumn> objectives;

  /** @param objectives the columns and their directions */
  public DistributedParetoFront(List<ObjectiveColumn> objectives) {
    this.objectives = List.copyOf(objectives);
  }

  /**
   * @param input rows with the objective columns
   * @return the rows on the global front, in no particular order
   */
  public Dataset<Row> apply(Dataset<Row> input) {
    int[] columns = objectives.stream().mapToInt(o -> input.schema().fieldIndex(o.column())).toArray();
    Objective[] directions = objectives.stream().map(ObjectiveColumn::objective).toArray(Objective[]::new);
    MapPartitionsFunction<Row, Row> localFront =
        rows -> {
          List<Row> members = new ArrayList<>();
          rows.forEachRemaining(members::add);
          return front(members, columns, directions).iterator();
        };
    List<Row> candidates =
        input.mapPartitions(localFront, Encoders.row(input.schema())).collectAsList();
    List<Row> global = front(candidates, columns, directions);
    return input.sparkSession().createDataFrame(global, input.schema());
  }

  private static List<Row> front(List<Row> rows, int[] columns, Objective[] directions) {
    double[][] points = new double[rows.size()][columns.length];
    for (int i = 0; i < points.length; i++) {
      for (int k = 0; k < columns.length; k++) {
        Row r = rows.get(i);
        points[i][k] = r.isNullAt(columns[k]) ? Double.NaN : ((Number) r.get(columns[k])).doubleValue();
      }
    }
    ParetoFront front = ParetoFront.of(points, directions);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      if (Boolean.TRUE.equals(front.onFront(i))) {
        out.add(rows.get(i));
      }
    }
    return out;
  }
}
