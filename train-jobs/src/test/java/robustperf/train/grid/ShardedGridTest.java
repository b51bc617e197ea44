package robustperf.train.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.flops.FlopCounter;
import robustperf.train.loop.RunSpec;
import robustperf.train.loop.TrainingRun;

/**
 * Two shards of a grid run at once, in two JVMs, into one runs directory that already holds a
 * finished cell and a half-written one, and end with the records one process writes.
 */
class ShardedGridTest {
  @TempDir Path dir;

  @Test
  void twoShardsAtOnceIntoOneRunsDirectoryWriteWhatOneProcessWrites() throws Exception {
    Path data = SyntheticIdx.write(dir.resolve("data"), 450, 50);
    Path spec = SyntheticIdx.gridSpec(dir.resolve("grid.yaml"), "sharded", data, """
        methods: [standard, fgsm-rs]
        epochs: 1
        held_out_examples: 50
        test_examples: 50
        seeds: [1, 2]
        """);
    GridSpec grid = GridSpec.read(spec);
    assertEquals(4, grid.runs().size());

    Path straight = dir.resolve("straight");
    GridRunner.Result one = GridRunner.run(grid, straight, new PrintStream(PrintStream.nullOutputStream()), false);
    assertEquals(4, one.ran().size());

    // The shared directory already holds one finished cell and one killed after its first epoch
    // (manifest, epoch record, checkpoints and the best's evaluation, but not the last's).
    Path shared = dir.resolve("shared");
    RunSpec finished = grid.runs().get(0);
    RunSpec halfWritten = grid.runs().get(3);
    copyRun(straight, shared, finished.runId());
    copyRun(straight, shared, halfWritten.runId());
    Files.delete(new RunDirectory(shared, halfWritten.runId()).evaluation(robustperf.records.KeptCheckpoint.LAST, TrainingRun.FINAL_SUITE));
    Instant finishedStarted = manifest(shared, finished.runId()).createdAt();
    Instant halfWrittenStarted = manifest(shared, halfWritten.runId()).createdAt();

    List<Process> shards = new ArrayList<>();
    for (String shard : List.of("0/2", "1/2")) {
      shards.add(GridChild.start(spec, shared, dir.resolve("shard-" + shard.charAt(0) + ".log"), shard));
    }
    for (int i = 0; i < shards.size(); i++) {
      assertEquals(0, shards.get(i).waitFor(), "shard " + i + "/2: " + Files.readString(dir.resolve("shard-" + i + ".log")));
    }
    String logs = Files.readString(dir.resolve("shard-0.log")) + Files.readString(dir.resolve("shard-1.log"));
    assertTrue(logs.contains("shard 0/2 (2 of 4 runs)") && logs.contains("shard 1/2 (2 of 4 runs)"), logs);
    assertTrue(logs.contains("1 restarted after an interruption"), logs);

    assertEquals(finishedStarted, manifest(shared, finished.runId()).createdAt(), "the finished cell is skipped");
    assertTrue(manifest(shared, halfWritten.runId()).createdAt().isAfter(halfWrittenStarted), "the half-written cell is redone");
    assertEquals(inventory(straight), inventory(shared), "the same record files, and no temp file left");
    assertEquals(results(straight), results(shared), "seeded runs give the same results");
    assertEquals(summaryWithoutSeconds(straight), summaryWithoutSeconds(shared));
  }

  @Test
  void aCellsWorkIsItsPassesTimesTheArchitecturesForwardFlops() throws IOException {
    Path data = SyntheticIdx.write(dir.resolve("data"), 900, 100);
    ImageDataset train = Datasets.open("fashion-mnist", data, true);
    ImageDataset test = Datasets.open("fashion-mnist", data, false);
    Map<String, Object> yaml = new java.util.LinkedHashMap<>();
    yaml.put("name", "g");
    yaml.put("dataset", "fashion-mnist");
    yaml.put("dataset_root", data.toString());
    yaml.put("eps", "0.1");
    yaml.put("architectures", List.of("small-cnn"));
    yaml.put("methods", List.of("standard", Map.of("name", "pgd", "steps", 7), "free"));
    yaml.put("epochs", 8);
    yaml.put("batch_size", 64);
    yaml.put("learning_rate", 0.05);
    yaml.put("held_out_examples", 100);
    yaml.put("test_examples", 50);
    yaml.put("seeds", List.of(1));
    List<RunSpec> cells = GridSpec.expand(yaml).runs();
    CellWork work = new CellWork(run -> new ImageDataset[] {train, test});
    double f = FlopCounter.of("small-cnn", 10, train.imageShape()).forwardFlops();
    // 800 training images, 100 held out (PGD-10: 22 passes each epoch), 50 test images (PGD-20: 42 passes, best and last)
    double evaluations = 22.0 * 100 * 8 + 42.0 * 50 * 2;
    assertEquals(f * (3.0 * 800 * 8 + evaluations), work.flops(cells.get(0)), 1e-6 * f);
    assertEquals(f * (17.0 * 800 * 8 + evaluations), work.flops(cells.get(1)), 1e-6 * f);
    // Free-8: one pass over the data of 8 replays at 3 passes each, one monitored epoch
    assertEquals(f * (3.0 * 800 * 8 + 22.0 * 100 + 42.0 * 50 * 2), work.flops(cells.get(2)), 1e-6 * f);
  }

  private static void copyRun(Path from, Path to, String runId) throws IOException {
    Path source = from.resolve(runId);
    Path target = Files.createDirectories(to.resolve(runId));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static RunManifest manifest(Path runs, String runId) throws IOException {
    return (RunManifest) RecordFiles.read(new RunDirectory(runs, runId).manifest()).rows().get(0);
  }

  /** Every file under the runs directory (directories to file names), checkpoints included. */
  private static Map<String, List<String>> inventory(Path runs) throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> entries = Files.list(runs)) {
      for (Path d : entries.toList()) {
        if (!Files.isDirectory(d)) {
          out.put(d.getFileName().toString(), List.of());
          continue;
        }
        try (Stream<Path> files = Files.list(d)) {
          out.put(d.getFileName().toString(), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
      }
    }
    return out;
  }

  /** Each record's seeded results: epoch loss and monitor, final evaluations. */
  private static Map<String, String> results(Path runs) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(runs)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        Object row = RecordFiles.read(f).rows().get(0);
        String key = f.getParent().getFileName() + "/" + f.getFileName();
        if (row instanceof EvaluationResult r) {
          out.put(key, r.cleanAccuracyPct() + "/" + r.robustAccuracyPct());
        } else if (row instanceof EpochMetrics m) {
          out.put(key, m.trainLoss() + "/" + m.cleanAccuracyPct() + "/" + m.robustAccuracyPct() + "/" + m.trainingFlops());
        }
      }
    }
    return out;
  }

  /** The repeat summary without its timing columns. */
  private static List<String> summaryWithoutSeconds(Path runs) throws IOException {
    return Files.readAllLines(runs.resolve("sharded-summary.csv")).stream()
        .map(line -> {
          String[] c = line.split(",");
          return String.join(",", c[0], c[1], c[2], c[6], c[7], c[8], c[9], c[10], c[11]);
        })
        .toList();
  }
}
