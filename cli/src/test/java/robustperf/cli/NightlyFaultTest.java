package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import robustperf.ingest.nightly.NightlyJob;
import robustperf.ingest.session.SparkSessions;
import robustperf.records.EpochMetrics;
import robustperf.records.RecordSamples;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;

/** kill -9 in the middle of a nightly run, then run again: the warehouse equals a clean run's. */
@Tag("slow")
class NightlyFaultTest {
  @TempDir Path work;

  static void writeRuns(Path runs, String prefix, int count, int epochs) throws IOException {
    for (int r = 0; r < count; r++) {
      String id = prefix + r;
      RunDirectory run = new RunDirectory(runs, id);
      RecordFiles.write(run.manifest(), RunManifest.class, List.of(RecordSamples.manifest(id)));
      for (int e = 1; e <= epochs; e++) {
        RecordFiles.write(run.epoch(e), EpochMetrics.class, List.of(RecordSamples.epoch(id, e)));
      }
    }
  }

  private static Process childNightly(Path runs, Path warehouse, Path log) throws IOException {
    Path repo = Path.of(System.getProperty("robustperf.repo"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(Files.readString(repo.resolve(".mvn/jvm.config")).trim().split("\\s+")));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), RobustPerf.class.getName(),
        "nightly", "--no-refresh", "--runs", runs.toString(), "--warehouse", warehouse.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static int nightly(Path runs, Path warehouse) {
    return PipelineCommandTest.execute("nightly", "--no-refresh", "--runs", runs.toString(), "--warehouse", warehouse.toString()).exit();
  }

  private static List<String> rows(SparkSession spark, Path warehouse, RecordKind kind) {
    return spark.read().format("delta").load(NightlyJob.table(warehouse, kind).toString())
        .toJSON().collectAsList().stream().sorted().toList();
  }

  @Test
  void aKilledRunLeavesNothingLostOrDoubled() throws Exception {
    Path runs = work.resolve("runs");
    writeRuns(runs, "r", 30, 6);
    Files.writeString(Files.createDirectories(runs.resolve("bad")).resolve("garbage.parquet"), "not parquet");

    Path killed = work.resolve("killed");
    Process child = childNightly(runs, killed, work.resolve("child.log"));
    // Wait until the child holds the lock and has been working a few seconds, then kill -9.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(killed.resolve("_nightly.lock")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(9000);
    // Records arriving while a nightly runs are for the next one.
    writeRuns(runs, "late", 2, 2);
    child.destroyForcibly().waitFor();
    assertTrue(Files.exists(killed.resolve("_nightly.lock")), "a killed run leaves its lock behind");
    String childLog = Files.readString(work.resolve("child.log"));
    assertTrue(!childLog.contains("files found"), "the child finished before the kill; kill earlier:\n" + childLog);

    assertEquals(0, nightly(runs, killed), Files.readString(work.resolve("child.log")));
    // The clean reference: the same files (the bad one is back where the killed run may have moved it from).
    Path clean = work.resolve("clean");
    Path cleanRuns = work.resolve("clean-runs");
    writeRuns(cleanRuns, "r", 30, 6);
    writeRuns(cleanRuns, "late", 2, 2);
    Files.writeString(Files.createDirectories(cleanRuns.resolve("bad")).resolve("garbage.parquet"), "not parquet");
    assertEquals(0, nightly(cleanRuns, clean));

    SparkSession spark = SparkSessions.create("nightly-fault-test");
    try {
      for (RecordKind kind : List.of(RecordKind.RUN_MANIFEST, RecordKind.EPOCH_METRICS)) {
        List<String> a = rows(spark, killed, kind);
        List<String> b = rows(spark, clean, kind);
        assertEquals(b.size(), a.size(), kind.id());
        assertEquals(b, a, kind.id());
      }
      assertEquals(32, rows(spark, killed, RecordKind.RUN_MANIFEST).size());
      assertEquals(30 * 6 + 2 * 2, rows(spark, killed, RecordKind.EPOCH_METRICS).size());
      long quarantined =
          spark.read().format("delta").load(NightlyJob.ledger(killed).toString()).filter("status = 'quarantined'").count();
      assertEquals(1, quarantined, "the bad file is quarantined once");
      assertTrue(Files.notExists(runs.resolve("bad/garbage.parquet")));
    } finally {
      spark.stop();
    }
  }
}
