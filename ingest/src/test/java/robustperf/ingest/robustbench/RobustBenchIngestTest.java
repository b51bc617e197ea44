package robustperf.ingest.robustbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.schema.RecordRows;

class RobustBenchIngestTest {
  private static RobustBenchIngest.Output snapshot;

  @BeforeAll
  static void ingestTheEmbeddedSnapshot() {
    Path modelInfo = SharedSparkSession.repo().resolve("data/robustbench/model_info");
    snapshot = new RobustBenchIngest(new RobustBenchIngest.Options(modelInfo.toString())).run(SharedSparkSession.get());
  }

  @Test
  void countsMatchTheSnapshot() {
    Map<String, Long> counts =
        snapshot.entries().groupBy("leaderboard").count().collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1), (a, b) -> a, TreeMap::new));
    assertEquals(
        Map.of("cifar10/Linf", 99L, "cifar10/L2", 21L, "cifar100/Linf", 38L, "imagenet/Linf", 30L), counts);
    assertEquals(0, snapshot.rejected().count());
  }

  @Test
  void theUnparsedFieldsAreExactlyThese() {
    List<String> issues =
        snapshot.issues().orderBy("file", "field").collectAsList().stream()
            .map(r -> r.getString(0) + " " + r.getString(1) + " [" + r.getString(2) + "]")
            .toList();
    assertEquals(EXPECTED_ISSUES, issues);
  }

  @Test
  void everyEntryHasBothAccuraciesAndEps() {
    long complete =
        snapshot.entries()
            .filter("clean_acc_pct is not null and autoattack_acc_pct is not null and eps is not null")
            .count();
    assertEquals(188, complete);
    RobustBenchEntry wong = RecordRows.fromRow(RobustBenchEntry.class,
        snapshot.entries().filter("model_id = 'Wong2020Fast' and leaderboard = 'cifar10/Linf'").first());
    assertEquals(83.34, wong.cleanAccPct());
    assertEquals(43.21, wong.autoattackAccPct());
  }

  @Test
  void aMalformedFileIsRejectedByNameAndTheRestIsKept(@TempDir Path dir) throws IOException {
    Path board = Files.createDirectories(dir.resolve("cifar10/Linf"));
    Path real = SharedSparkSession.repo().resolve("data/robustbench/model_info/cifar10/Linf/Wong2020Fast.json");
    Files.copy(real, board.resolve("Wong2020Fast.json"));
    Files.writeString(board.resolve("Broken.json"), "{\"name\": \"unterminated");
    RobustBenchIngest.Output out =
        new RobustBenchIngest(new RobustBenchIngest.Options(dir.toString())).run(SharedSparkSession.get());
    assertEquals(1, out.entries().count());
    List<RejectedFile> rejected = out.rejected().collectAsList().stream().map(r -> RecordRows.fromRow(RejectedFile.class, r)).toList();
    assertEquals(1, rejected.size());
    String reason = rejected.get(0).reason();
    assertTrue(reason.startsWith("cifar10/Linf/Broken.json: malformed JSON"), reason);
    assertTrue(rejected.get(0).file().endsWith("cifar10/Linf/Broken.json"));
  }

  /**
   * Read off the snapshot by hand: the three "Standard" baselines have venue "N/A", one CIFAR-100
   * entry says dataset "cifar10", and three ImageNet entries have an empty "reported" value.
   */
  private static final List<String> EXPECTED_ISSUES =
      List.of(
          "cifar10/L2/Standard.json venue [N/A]",
          "cifar10/Linf/Standard.json venue [N/A]",
          "cifar100/Linf/Hendrycks2019Using.json dataset [cifar10]",
          "imagenet/Linf/Salman2020Do_50_2.json reported []",
          "imagenet/Linf/Salman2020Do_R18.json reported []",
          "imagenet/Linf/Salman2020Do_R50.json reported []",
          "imagenet/Linf/Standard_R50.json venue [N/A]");
}
