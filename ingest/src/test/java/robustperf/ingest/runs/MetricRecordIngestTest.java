package robustperf.ingest.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.InferenceBenchmark;
import robustperf.records.LayerProfile;
import robustperf.records.RecordSamples;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;

class MetricRecordIngestTest {
  @TempDir static Path runs;
  private static MetricRecordIngest.Output output;

  @BeforeAll
  static void writeRunsWithSomeBadFiles() throws IOException {
    for (String id : List.of("run-a", "run-b")) {
      RunDirectory run = new RunDirectory(runs, id);
      RecordFiles.write(run.manifest(), RunManifest.class, List.of(RecordSamples.manifest(id)));
      for (int epoch = 1; epoch <= 3; epoch++) {
        RecordFiles.write(run.epoch(epoch), EpochMetrics.class, List.of(RecordSamples.epoch(id, epoch)));
      }
      EvaluationResult eval = RecordSamples.evaluation(id);
      RecordFiles.write(run.evaluation(eval.keptCheckpoint(), eval.attackSuite()), EvaluationResult.class, List.of(eval));
      RecordFiles.write(run.inference("cpu-b1"), InferenceBenchmark.class, List.of(RecordSamples.inference(id)));
      RecordFiles.write(run.layerProfile("cpu"), LayerProfile.class,
          List.of(RecordSamples.layerProfile(id, "step", "convolution"), RecordSamples.layerProfile(id, "step", "other")));
    }
    Path bad = Files.createDirectories(runs.resolve("run-bad"));
    Files.writeString(bad.resolve("garbage.parquet"), "not parquet");
    byte[] good = Files.readAllBytes(runs.resolve("run-a/epoch-0001.parquet"));
    Files.write(bad.resolve("truncated.parquet"), java.util.Arrays.copyOf(good, good.length - 20));
    // In-progress and hidden files are not ours to read yet.
    Files.write(runs.resolve("run-a/_epoch-0004.parquet.123.tmp"), good);
    Files.write(runs.resolve("run-a/_epoch-0005.parquet"), good);
    Files.createDirectories(runs.resolve("_staging"));
    Files.write(runs.resolve("_staging/epoch-0001.parquet"), good);
    output = new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
  }

  @Test
  void goodFilesAreAllTakenIn() {
    Map<RecordKind, Long> counts =
        output.tables().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().count()));
    assertEquals(
        Map.of(RecordKind.RUN_MANIFEST, 2L, RecordKind.EPOCH_METRICS, 6L, RecordKind.EVALUATION, 2L,
            RecordKind.INFERENCE_BENCHMARK, 2L, RecordKind.LAYER_PROFILE, 4L),
        counts);
    assertEquals(16, output.files());
  }

  @Test
  void badFilesAreRejectedByNameWithReasons() {
    List<RejectedFile> rejected = output.rejected().collectAsList().stream().map(r -> RecordRows.fromRow(RejectedFile.class, r))
        .sorted(java.util.Comparator.comparing(RejectedFile::file)).toList();
    assertEquals(2, rejected.size());
    assertTrue(rejected.get(0).file().endsWith("run-bad/garbage.parquet"));
    assertTrue(rejected.get(0).reason().contains("not a readable Parquet file"));
    assertTrue(rejected.get(1).file().endsWith("run-bad/truncated.parquet"));
    assertTrue(rejected.get(1).reason().startsWith(rejected.get(1).file()));
  }

  @Test
  void tablesEqualWhatSparkReadsFromTheFilesDirectly() {
    SparkSession spark = SharedSparkSession.get();
    for (RecordKind kind : RecordKind.values()) {
      String glob = runs.resolve("run-*/" + pattern(kind)).toString();
      Dataset<Row> direct = spark.read().parquet(glob);
      Dataset<Row> ours = output.tables().get(kind);
      assertEquals(direct.schema().catalogString(), ours.schema().catalogString(), kind.id());
      assertEquals(sortedJson(direct), sortedJson(ours), kind.id());
    }
  }

  private static String pattern(RecordKind kind) {
    return switch (kind) {
      case RUN_MANIFEST -> "manifest.parquet";
      case EPOCH_METRICS -> "epoch-*.parquet";
      case EVALUATION -> "eval-*.parquet";
      case INFERENCE_BENCHMARK -> "inference-*.parquet";
      case LAYER_PROFILE -> "layer-profile-*.parquet";
    };
  }

  private static List<String> sortedJson(Dataset<Row> rows) {
    return rows.toJSON().collectAsList().stream().sorted().toList();
  }
}
