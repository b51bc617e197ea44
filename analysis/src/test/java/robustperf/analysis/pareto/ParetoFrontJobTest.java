package robustperf.analysis.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.robustbench.RobustBenchIngest;

class ParetoFrontJobTest {

  @Test
  void leaderboardFrontsOfTheRealSnapshotEqualBruteForce() {
    Path modelInfo = SharedSparkSession.repo().resolve("data/robustbench/model_info");
    Dataset<Row> entries =
        new RobustBenchIngest(new RobustBenchIngest.Options(modelInfo.toString())).run(SharedSparkSession.get()).entries();
    List<Row> marked =
        new ParetoFrontJob(
                new ParetoFrontJob.Options(
                    "leaderboard", List.of(ObjectiveColumn.max("clean_acc_pct"), ObjectiveColumn.max("autoattack_acc_pct"))))
            .apply(entries)
            .collectAsList();
    assertEquals(188, marked.size());
    var byBoard = marked.stream().collect(Collectors.groupingBy(r -> r.<String>getAs("leaderboard")));
    assertEquals(4, byBoard.size());
    byBoard.forEach(
        (board, rows) -> {
          double[][] points =
              rows.stream()
                  .map(r -> new double[] {r.<Double>getAs("clean_acc_pct"), r.<Double>getAs("autoattack_acc_pct")})
                  .toArray(double[][]::new);
          Boolean[] expected = BruteForceFront.of(points, Objective.MAXIMIZE, Objective.MAXIMIZE);
          long size = 0;
          for (int i = 0; i < rows.size(); i++) {
            assertEquals(expected[i], rows.get(i).<Boolean>getAs("on_front"), board + " " + rows.get(i).getAs("model_id"));
            size += expected[i] ? 1 : 0;
          }
          assertEquals(size, (long) rows.get(0).<Integer>getAs("front_size"), board);
          assertTrue(size >= 2, board + " front has " + size + " entries");
        });
  }
}
