package robustperf.ingest.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.ColumnNamingStrategy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import robustperf.ingest.SharedSparkSession;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.RecordSamples;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;
import robustperf.records.parquet.SchemaVersion;

@Tag("slow")
class NightlyJobTest {
  @TempDir Path work;

  static void writeRun(Path runs, String id, int epochs) throws IOException {
    RunDirectory run = new RunDirectory(runs, id);
    RecordFiles.write(run.manifest(), RunManifest.class, List.of(RecordSamples.manifest(id)));
    for (int e = 1; e <= epochs; e++) {
      RecordFiles.write(run.epoch(e), EpochMetrics.class, List.of(RecordSamples.epoch(id, e)));
    }
    EvaluationResult eval = RecordSamples.evaluation(id);
    RecordFiles.write(run.evaluation(eval.keptCheckpoint(), eval.attackSuite()), EvaluationResult.class, List.of(eval));
  }

  private NightlyJob.Summary nightly(Path runs, Path warehouse) {
    return new NightlyJob(new NightlyJob.Options(runs, warehouse)).run(SharedSparkSession.get());
  }

  private long count(Path warehouse, RecordKind kind) {
    return SharedSparkSession.get().read().format("delta").load(NightlyJob.table(warehouse, kind).toString()).count();
  }

  @Test
  void takesNewFilesOnceQuarantinesBadOnesAndTakesFixedOnesBack() throws IOException {
    Path runs = work.resolve("runs");
    Path warehouse = work.resolve("warehouse");
    writeRun(runs, "a", 3);
    writeRun(runs, "b", 2);
    // The same epoch delivered twice under another name counts once.
    Files.copy(runs.resolve("a/epoch-0001.parquet"), runs.resolve("a/epoch-0001-copy.parquet"));
    byte[] good = Files.readAllBytes(runs.resolve("b/epoch-0002.parquet"));
    Files.write(runs.resolve("b/epoch-0003.parquet"), java.util.Arrays.copyOf(good, good.length / 2));
    Files.writeString(runs.resolve("b/corrupt.parquet"), "PAR1 not really");
    writeForeignSchema(runs.resolve("b/wrong-schema.parquet"));
    writeNaNEpoch(runs.resolve("b/epoch-0004.parquet"));
    Files.write(runs.resolve("b/_epoch-0005.parquet.tmp"), good); // still being written

    NightlyJob.Summary first = nightly(runs, warehouse);
    assertEquals(14, first.found());
    assertEquals(14, first.fresh());
    assertEquals(10, first.ingested());
    assertEquals(4, first.quarantined().size(), first.quarantined().toString());
    assertTrue(first.quarantined().stream().anyMatch(r -> r.contains("wrong-schema.parquet")), first.quarantined().toString());
    assertTrue(first.quarantined().stream().anyMatch(r -> r.contains("epoch-0004.parquet") && r.contains("train_loss is NaN")), first.quarantined().toString());
    assertEquals(Map.of("run_manifest", 2L, "epoch_metrics", 5L, "evaluation", 2L, "inference_benchmark", 0L, "layer_profile", 0L),
        first.rowsPerTable());
    assertFalse(Files.exists(runs.resolve("b/epoch-0003.parquet")), "quarantined files leave the runs directory");
    assertEquals(4, Files.walk(warehouse.resolve("quarantine")).filter(Files::isRegularFile).count());

    NightlyJob.Summary again = nightly(runs, warehouse);
    assertEquals(0, again.fresh());
    assertEquals(first.rowsPerTable(), again.rowsPerTable());

    // Fixed: a correct epoch 3 arrives under the quarantined name; a new epoch arrives too.
    RecordFiles.write(new RunDirectory(runs, "b").epoch(3), EpochMetrics.class, List.of(RecordSamples.epoch("b", 3)));
    Files.move(runs.resolve("b/_epoch-0005.parquet.tmp"), runs.resolve("b/epoch-0005.parquet"));
    NightlyJob.Summary third = nightly(runs, warehouse);
    assertEquals(2, third.fresh());
    // Epoch 3 is new; epoch-0005 holds run b's epoch 2 again: same key, counted once.
    assertEquals(6L, third.rowsPerTable().get("epoch_metrics"));
    assertEquals(6L, count(warehouse, RecordKind.EPOCH_METRICS));
  }

  @Test
  void addedColumnsAreMergedIntoTheTable() throws IOException {
    Path runs = work.resolve("runs");
    Path warehouse = work.resolve("warehouse");
    SparkSession spark = SharedSparkSession.get();
    // A warehouse written by an older schema without the usd column.
    writeRun(runs, "old", 1);
    nightly(runs, warehouse);
    Path epochs = NightlyJob.table(warehouse, RecordKind.EPOCH_METRICS);
    spark.read().format("delta").load(epochs.toString()).drop("usd")
        .write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(epochs.toString());
    assertFalse(List.of(spark.read().format("delta").load(epochs.toString()).columns()).contains("usd"));
    writeRun(runs, "new", 2);
    nightly(runs, warehouse);
    List<String> columns = List.of(spark.read().format("delta").load(epochs.toString()).columns());
    assertTrue(columns.contains("usd"), columns.toString());
    assertEquals(3, count(warehouse, RecordKind.EPOCH_METRICS));
  }

  @Test
  void aHeldLockRefusesASecondRunAndAStaleOneIsTakenOver() throws Exception {
    Path warehouse = work.resolve("warehouse");
    try (NightlyLock held = NightlyLock.acquire(warehouse)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> NightlyLock.acquire(warehouse));
      assertTrue(e.getMessage().contains("_nightly.lock"), e.getMessage());
    }
    // A lock whose owner is gone (pid of a process that has exited).
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(warehouse.resolve("_nightly.lock"), gone.pid() + " " + java.net.InetAddress.getLocalHost().getHostName() + " 2026-01-01T00:00:00Z");
    try (NightlyLock taken = NightlyLock.acquire(warehouse)) {
      assertTrue(Files.readString(warehouse.resolve("_nightly.lock")).startsWith(ProcessHandle.current().pid() + " "));
    }
    assertFalse(Files.exists(warehouse.resolve("_nightly.lock")));
  }

  /** A record type that is not ours, for a valid Parquet file whose columns do not fit. */
  record Foreign(String name, int value) {}

  /** Valid Parquet claiming to hold epoch metrics, with other columns. */
  static void writeForeignSchema(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        CarpetWriter<Foreign> writer =
            new CarpetWriter.Builder<>(out, Foreign.class)
                .withExtraMetaData(Map.of(SchemaVersion.METADATA_KEY, "1.0", RecordKind.METADATA_KEY, "epoch_metrics"))
                .build()) {
      writer.write(new Foreign("x", 1));
    }
  }

  static void writeNaNEpoch(Path file) throws IOException {
    EpochMetrics ok = RecordSamples.epoch("b", 4);
    LooseEpochMetrics nan =
        new LooseEpochMetrics(ok.runId(), ok.epoch(), ok.learningRate(), Double.NaN, ok.cleanAccuracyPct(), ok.robustAccuracyPct(),
            ok.robustAttack(), ok.evalN(), ok.wallSeconds(), ok.examplesPerSecond(), ok.trainingFlops(), ok.attackFlops(),
            ok.energy(), ok.co2Kg(), ok.usd(), ok.missing());
    try (OutputStream out = Files.newOutputStream(file);
        CarpetWriter<LooseEpochMetrics> writer =
            new CarpetWriter.Builder<>(out, LooseEpochMetrics.class)
                .withColumnNamingStrategy(ColumnNamingStrategy.SNAKE_CASE)
                .withExtraMetaData(Map.of(SchemaVersion.METADATA_KEY, "1.0", RecordKind.METADATA_KEY, "epoch_metrics"))
                .build()) {
      writer.write(nan);
    }
  }
}
