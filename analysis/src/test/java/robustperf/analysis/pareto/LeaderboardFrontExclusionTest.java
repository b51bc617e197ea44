package robustperf.analysis.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.robustbench.RobustBenchIngest;

/** The analyses' one entry rule applies to the leaderboard fronts too: excluded entries are flagged, never on a front. */
class LeaderboardFrontExclusionTest {
  @Test
  void unreliableAndBrokenEntriesAreFlaggedAndLeftOffTheFront() {
    Path modelInfo = SharedSparkSession.repo().resolve("data/robustbench/model_info");
    Dataset<Row> entries =
        new RobustBenchIngest(new RobustBenchIngest.Options(modelInfo.toString())).run(SharedSparkSession.get()).entries();
    List<Row> marked = new ParetoFrontJob(new ParetoFrontJob.Options("leaderboard",
            List.of(ObjectiveColumn.max("clean_acc_pct"), ObjectiveColumn.max("autoattack_acc_pct")), "analysis_exclusion"))
        .apply(entries).collectAsList();
    Row kang = marked.stream().filter(r -> r.getAs("model_id").equals("Kang2021Stable")).findFirst().orElseThrow();
    assertEquals("unreliable", kang.getAs("analysis_exclusion"));
    assertNull(kang.getAs("on_front"), "on the CIFAR-10 Linf front by its figures, but RobustBench flags its evaluation");
    var byBoard = marked.stream().collect(Collectors.groupingBy(r -> r.<String>getAs("leaderboard")));
    byBoard.forEach((board, rows) -> {
      List<Row> taken = rows.stream().filter(r -> r.getAs("analysis_exclusion") == null).toList();
      double[][] points = taken.stream()
          .map(r -> new double[] {r.<Double>getAs("clean_acc_pct"), r.<Double>getAs("autoattack_acc_pct")}).toArray(double[][]::new);
      Boolean[] expected = BruteForceFront.of(points, Objective.MAXIMIZE, Objective.MAXIMIZE);
      for (int i = 0; i < taken.size(); i++) {
        assertEquals(expected[i], taken.get(i).<Boolean>getAs("on_front"), board + " " + taken.get(i).getAs("model_id"));
      }
      long excluded = rows.size() - taken.size();
      assertEquals(excluded, (long) rows.get(0).<Integer>getAs("excluded_in_group"), board);
      rows.stream().filter(r -> r.getAs("analysis_exclusion") != null).forEach(r -> assertNull(r.getAs("on_front")));
    });
    assertTrue(byBoard.get("cifar10/Linf").stream().filter(r -> r.getAs("analysis_exclusion") != null).count() >= 6);
  }
}
