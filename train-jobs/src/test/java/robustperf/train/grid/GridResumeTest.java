package robustperf.train.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import robustperf.records.EvaluationResult;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.loop.RunSpec;
import robustperf.train.loop.TrainingRun;

/** A grid killed with SIGKILL mid-run and resumed ends with the same runs as one left alone. */
@Tag("slow")
class GridResumeTest {
  @TempDir Path dir;

  @Test
  void aKilledAndResumedGridEqualsAnUninterruptedOne() throws Exception {
    Path data = SyntheticIdx.write(dir.resolve("data"), 2400, 300);
    Path spec = SyntheticIdx.gridSpec(dir.resolve("grid.yaml"), "resume", data, """
        methods: [standard, {name: pgd, steps: 2}, fgsm-rs]
        epochs: 4
        held_out_examples: 200
        test_examples: 300
        seeds: [1]
        """);
    GridSpec grid = GridSpec.read(spec);
    RunSpec second = grid.runs().get(1);

    Path killedRuns = dir.resolve("killed");
    Process child = GridChild.start(spec, killedRuns, dir.resolve("child.log"), null);
    try {
      // Kill once the second run has recorded an epoch but not its final evaluation.
      RunDirectory target = new RunDirectory(killedRuns, second.runId());
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!Files.exists(target.epoch(1)) && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(20);
      }
      assertTrue(Files.exists(target.epoch(1)), "the child never reached the second run: " + Files.readString(dir.resolve("child.log")));
    } finally {
      child.destroyForcibly().waitFor();
    }
    boolean interrupted = !TrainingRun.finished(killedRuns, second.runId());

    GridRunner.Result resumed = GridRunner.run(grid, killedRuns, new PrintStream(PrintStream.nullOutputStream()), false);
    assertEquals(1, resumed.skipped().size(), "the first run had finished and is skipped");
    if (interrupted) {
      assertEquals(java.util.List.of(second.runId()), resumed.restarted());
    }
    GridRunner.Result straight = GridRunner.run(grid, dir.resolve("straight"), new PrintStream(PrintStream.nullOutputStream()), false);
    assertEquals(3, straight.ran().size());

    assertEquals(inventory(dir.resolve("straight")), inventory(killedRuns));
    assertEquals(accuracies(dir.resolve("straight")), accuracies(killedRuns), "seeded runs give the same results");
  }

  /** Run directory to the record files it holds (checkpoints aside). */
  private static Map<String, java.util.List<String>> inventory(Path runs) throws IOException {
    Map<String, java.util.List<String>> out = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(d)) {
          out.put(d.getFileName().toString(), files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList());
        }
      }
    }
    return out;
  }

  private static Map<String, String> accuracies(Path runs) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(runs)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("eval-")).toList()) {
        EvaluationResult r = (EvaluationResult) RecordFiles.read(f).rows().get(0);
        out.put(f.getParent().getFileName() + "/" + f.getFileName(), r.cleanAccuracyPct() + "/" + r.robustAccuracyPct());
      }
    }
    return out;
  }
}
