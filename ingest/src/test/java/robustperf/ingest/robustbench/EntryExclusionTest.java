package robustperf.ingest.robustbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.schema.RecordRows;

class EntryExclusionTest {
  @Test
  void theRuleOnItsEdges() {
    assertEquals(EntryExclusion.UNRELIABLE, EntryExclusion.of(true, 71.28, 71.28).category());
    assertEquals(EntryExclusion.BROKEN, EntryExclusion.of(false, 0.26, 15.5).category());
    assertEquals(EntryExclusion.BROKEN, EntryExclusion.of(null, 4.99, null).category(), "no reported figure: a defence all the same");
    assertNull(EntryExclusion.of(false, 5.0, 60.0), "5% is not below 5%");
    assertNull(EntryExclusion.of(false, 0.0, 0.0), "the undefended reference claims nothing: kept");
    assertNull(EntryExclusion.of(null, null, 50.0), "no AutoAttack figure: analyses that need one skip it by their own filters");
    assertEquals("AutoAttack 0.26% < 5% while the paper reported 15.50%", EntryExclusion.of(false, 0.26, 15.5).reason());
  }

  @Test
  void onTheSnapshotExactlyTheseEntriesAreLeftOut() {
    Path modelInfo = SharedSparkSession.repo().resolve("data/robustbench/model_info");
    Map<String, String> excluded = new TreeMap<>();
    for (Row row : new RobustBenchIngest(new RobustBenchIngest.Options(modelInfo.toString())).run(SharedSparkSession.get()).entries()
        .filter(EntryExclusion.TAKEN.replace("IS NULL", "IS NOT NULL")).collectAsList()) {
      RobustBenchEntry r = RecordRows.fromRow(RobustBenchEntry.class, row);
      excluded.put(r.leaderboard() + "/" + r.modelId(), r.analysisExclusion());
    }
    assertEquals(Map.of(
        "cifar10/Linf/Alfarra2020ClusTR", EntryExclusion.BROKEN,
        "cifar10/Linf/Chan2020Jacobian", EntryExclusion.BROKEN,
        "cifar10/Linf/JinRinard2020Manifold", EntryExclusion.BROKEN,
        "cifar10/Linf/Mustafa2019Adversarial", EntryExclusion.BROKEN,
        "cifar10/Linf/Kang2021Stable", EntryExclusion.UNRELIABLE,
        "cifar10/Linf/Xiao2020Enhancing", EntryExclusion.UNRELIABLE), excluded);
  }
}
