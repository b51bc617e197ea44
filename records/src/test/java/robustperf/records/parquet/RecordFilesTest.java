package robustperf.records.parquet;

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
import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.InferenceBenchmark;
import robustperf.records.LayerProfile;
import robustperf.records.RecordSamples;
import robustperf.records.RunManifest;

class RecordFilesTest {
  @TempDir Path dir;

  @Test
  void everyKindRoundTrips() throws IOException {
    RunDirectory run = new RunDirectory(dir, "run-1");
    RunManifest manifest = RecordSamples.manifest("run-1");
    List<EpochMetrics> epochs = List.of(RecordSamples.epoch("run-1", 1), RecordSamples.epoch("run-1", 2));
    EvaluationResult eval = RecordSamples.evaluation("run-1");
    InferenceBenchmark bench = RecordSamples.inference("run-1");

    RecordFiles.write(run.manifest(), RunManifest.class, List.of(manifest));
    RecordFiles.write(run.epoch(1), EpochMetrics.class, epochs);
    RecordFiles.write(run.evaluation(eval.keptCheckpoint(), eval.attackSuite()), EvaluationResult.class, List.of(eval));
    RecordFiles.write(run.inference("cpu-fp32-b1"), InferenceBenchmark.class, List.of(bench));

    assertEquals(List.of(manifest), RecordFiles.read(run.manifest()).rows());
    RecordFile epochFile = RecordFiles.read(run.epoch(1));
    assertEquals(RecordKind.EPOCH_METRICS, epochFile.kind());
    assertEquals(SchemaVersion.CURRENT, epochFile.version());
    assertEquals(epochs, epochFile.rows());
    assertEquals(List.of(eval), RecordFiles.read(run.evaluation(eval.keptCheckpoint(), "autoattack-standard")).rows());
    assertEquals(List.of(bench), RecordFiles.read(run.inference("cpu-fp32-b1")).rows());
    List<LayerProfile> profile =
        List.of(RecordSamples.layerProfile("run-1", "step", "convolution"), RecordSamples.layerProfile("run-1", "attack", "other"));
    RecordFiles.write(run.layerProfile("cpu"), LayerProfile.class, profile);
    assertEquals(profile, RecordFiles.read(run.layerProfile("cpu")).rows());
  }

  @Test
  void aWriteThatFailsMidwayLeavesNoFinalAndNoTempFile() {
    Path target = dir.resolve("epoch-0001.parquet");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> RecordFiles.write(target, EpochMetrics.class, failingAfter(500)));
    assertEquals("producer died", e.getMessage());
    assertFalse(Files.exists(target));
    assertEquals(List.of(), listNames(dir));
  }

  @Test
  void aFailedRewriteKeepsThePreviousFile() throws IOException {
    Path target = dir.resolve("epoch-0001.parquet");
    RecordFiles.write(target, EpochMetrics.class, List.of(RecordSamples.epoch("r", 1)));
    assertThrows(
        IllegalStateException.class,
        () -> RecordFiles.write(target, EpochMetrics.class, failingAfter(10)));
    assertEquals(List.of(RecordSamples.epoch("r", 1)), RecordFiles.read(target).rows());
  }

  @Test
  void aKilledWriterLeavesOnlyATempFileThatScannersSkip() throws Exception {
    Path target = dir.resolve("epoch-0001.parquet");
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SlowRecordWriter.class.getName(),
                target.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      // The child prints one line once rows are flowing into the temp file.
      String line = new String(writer.getInputStream().readNBytes(8));
      assertEquals("writing\n", line);
      assertTrue(listNames(dir).stream().anyMatch(n -> n.startsWith(RecordFiles.TEMP_PREFIX)));
    } finally {
      writer.destroyForcibly().waitFor();
    }
    assertFalse(Files.exists(target), "a killed write must not leave " + target);
    assertTrue(listNames(dir).stream().allMatch(n -> n.startsWith(RecordFiles.TEMP_PREFIX)));
  }

  @Test
  void aFutureMajorVersionIsRefusedNamingTheFile() throws IOException {
    Path file = dir.resolve("future.parquet");
    writeWithMetadata(file, Map.of(SchemaVersion.METADATA_KEY, "2.0", RecordKind.METADATA_KEY, "epoch_metrics"));
    RecordFileException e = assertThrows(RecordFileException.class, () -> RecordFiles.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("schema version 2.0 is not readable"), e.getMessage());
  }

  @Test
  void aNewerMinorVersionIsRead() throws IOException {
    Path file = dir.resolve("minor.parquet");
    writeWithMetadata(file, Map.of(SchemaVersion.METADATA_KEY, "1.7", RecordKind.METADATA_KEY, "epoch_metrics"));
    RecordFile read = RecordFiles.read(file);
    assertEquals(new SchemaVersion(1, 7), read.version());
    assertEquals(List.of(RecordSamples.epoch("r", 3)), read.rows());
  }

  @Test
  void aFileWithoutOurMetadataIsRefused() throws IOException {
    Path file = dir.resolve("foreign.parquet");
    writeWithMetadata(file, Map.of("other", "x"));
    RecordFileException e = assertThrows(RecordFileException.class, () -> RecordFiles.read(file));
    assertTrue(e.getMessage().contains("not a RobustPerf file"), e.getMessage());
  }

  @Test
  void garbageIsRefusedNamingTheFile() throws IOException {
    Path file = dir.resolve("garbage.parquet");
    Files.writeString(file, "this is not parquet at all");
    RecordFileException e = assertThrows(RecordFileException.class, () -> RecordFiles.read(file));
    assertEquals(file.toString(), e.file());
    assertTrue(e.getMessage().contains("not a readable Parquet file"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    Path file = dir.resolve("epoch-0001.parquet");
    RecordFiles.write(file, EpochMetrics.class, List.of(RecordSamples.epoch("r", 1)));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThrows(RecordFileException.class, () -> RecordFiles.read(file));
  }

  private void writeWithMetadata(Path file, Map<String, String> meta) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        CarpetWriter<EpochMetrics> writer =
            new CarpetWriter.Builder<>(out, EpochMetrics.class)
                .withColumnNamingStrategy(ColumnNamingStrategy.SNAKE_CASE)
                .withExtraMetaData(meta)
                .build()) {
      writer.write(RecordSamples.epoch("r", 3));
    }
  }

  private static List<String> listNames(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows that stop with an exception after {@code n}, as a crashing producer would. */
  private static AbstractCollection<EpochMetrics> failingAfter(int n) {
    return new AbstractCollection<>() {
      @Override
      public Iterator<EpochMetrics> iterator() {
        return new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public EpochMetrics next() {
            if (i++ == n) {
              throw new IllegalStateException("producer died");
            }
            return RecordSamples.epoch("r", i);
          }
        };
      }

      @Override
      public int size() {
        return Integer.MAX_VALUE;
      }
    };
  }

  /** An evaluation as schema 1.0 wrote it: no example_status column. */
  record EvaluationV10(
      String runId, robustperf.records.Checkpoint checkpoint, String attackSuite, String suiteVersion,
      robustperf.records.ThreatModel threatModel, int n, double cleanAccuracyPct, double robustAccuracyPct,
      List<robustperf.records.AttackStage> stages, java.time.Instant evaluatedAt) {}

  private void writeV10(Path file, String kind, String version) throws IOException {
    EvaluationResult e = RecordSamples.evaluation("old-run");
    try (OutputStream out = Files.newOutputStream(file);
        CarpetWriter<EvaluationV10> writer =
            new CarpetWriter.Builder<>(out, EvaluationV10.class)
                .withColumnNamingStrategy(ColumnNamingStrategy.SNAKE_CASE)
                .withExtraMetaData(Map.of(SchemaVersion.METADATA_KEY, version, RecordKind.METADATA_KEY, kind))
                .build()) {
      writer.write(new EvaluationV10(e.runId(), e.checkpoint(), e.attackSuite(), e.suiteVersion(), e.threatModel(), e.n(),
          e.cleanAccuracyPct(), e.robustAccuracyPct(), e.stages(), e.evaluatedAt()));
    }
  }

  @Test
  void aSchema10EvaluationReadsWithoutStatusesButAFileLackingAnOlderColumnIsRefused() throws IOException {
    Path old = dir.resolve("eval-old.parquet");
    writeV10(old, "evaluation", "1.0");
    EvaluationResult read = (EvaluationResult) RecordFiles.read(old).rows().get(0);
    assertEquals(List.of(), read.exampleStatus());
    assertEquals(List.of(), read.warnings());
    assertEquals(43.2, read.robustAccuracyPct());
    assertEquals(null, read.checkpointEpoch());

    // claiming the current schema, the same file lacks a column it must have
    Path claimsNew = dir.resolve("eval-claims-new.parquet");
    writeV10(claimsNew, "evaluation", SchemaVersion.CURRENT.toString());
    RecordFileException e = assertThrows(RecordFileException.class, () -> RecordFiles.read(claimsNew));
    assertTrue(e.getMessage().contains("no column example_status"), e.getMessage());
    // and as epoch metrics, it lacks columns every version has
    Path wrongKind = dir.resolve("epoch-wrong.parquet");
    writeV10(wrongKind, "epoch_metrics", "1.0");
    e = assertThrows(RecordFileException.class, () -> RecordFiles.read(wrongKind));
    assertTrue(e.getMessage().contains("has no column"), e.getMessage());
  }

  @Test
  void anEpochCheckpointsEvaluationRoundTripsUnderItsOwnFileName() throws IOException {
    EvaluationResult e = RecordSamples.evaluation("epoch-run");
    EvaluationResult atEpoch = new EvaluationResult(e.runId(), robustperf.records.Checkpoint.epoch, e.attackSuite(),
        e.suiteVersion(), e.threatModel(), e.n(), e.cleanAccuracyPct(), e.robustAccuracyPct(), e.stages(),
        e.exampleStatus(), e.warnings(), e.evaluatedAt(), 2);
    RunDirectory run = new RunDirectory(dir, "epoch-run");
    Path file = run.evaluation(atEpoch.keptCheckpoint(), atEpoch.attackSuite());
    assertEquals("eval-epoch-0002-autoattack-standard.parquet", file.getFileName().toString());
    Files.createDirectories(file.getParent());
    RecordFiles.write(file, EvaluationResult.class, List.of(atEpoch));
    EvaluationResult read = (EvaluationResult) RecordFiles.read(file).rows().get(0);
    assertEquals(atEpoch, read);
    assertEquals(robustperf.records.KeptCheckpoint.ofEpoch(2), read.keptCheckpoint());
  }
}
