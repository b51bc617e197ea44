package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.analysis.scaling.GridLaws;
import robustperf.analysis.scaling.GridScalingJob;
import robustperf.ingest.session.SparkSessions;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.records.parquet.RecordKind;
import robustperf.tables.scaling.GridLawRow;
import robustperf.tables.scaling.GridPointRow;
import robustperf.train.grid.GridRunner;
import robustperf.train.grid.GridShard;
import robustperf.train.grid.GridSpec;

/**
 * The scaling grid end to end at a tiny scale (what CI runs of data/runs/scaling-grid.yaml): an
 * isoFLOP grid of two small-CNN widths at five budgets for two methods, really trained on
 * Fashion-MNIST, ingested, and one law chosen and measured per method with the top three budgets
 * held out.
 */
@Tag("slow")
class ScalingGridTest {
  @TempDir Path dir;

  @Test
  void aTinyGridGivesOneMeasuredLawPerMethod() throws IOException {
    Path spec = Files.writeString(dir.resolve("tiny.yaml"), """
        name: tiny-grid
        dataset: fashion-mnist
        eps: "0.1"
        architectures: [small-cnn-c4, small-cnn-c12]
        methods:
          - {name: pgd, steps: 2}
          - {name: trades, beta: 6, steps: 2}
        isoflop:
          budgets: [1.0e9, 1.78e9, 3.16e9, 5.62e9, 1.0e10]
          max_epochs: 20
          min_examples: 100
          min_sizes_per_budget: 2
        batch_size: 50
        learning_rate: 0.05
        schedule: cyclic
        held_out_examples: 50
        test_examples: 50
        seeds: [1]
        """);
    GridSpec grid = GridSpec.read(spec);
    Path runs = dir.resolve("runs");
    GridRunner.run(grid, GridShard.WHOLE, runs, new PrintStream(OutputStream.nullOutputStream()), false,
        robustperf.train.meter.CpuPowerEstimate.notGiven("test"));

    SparkSession spark = SparkSessions.create("ScalingGridTest"); // getOrCreate: the one session of this test JVM
    MetricRecordIngest.Output in = new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(spark);
    GridScalingJob.Output out = new GridScalingJob(GridLaws.defaults()).apply(
        in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.EPOCH_METRICS), in.tables().get(RecordKind.EVALUATION),
        Map.of("fashion-mnist", 10));

    assertEquals(grid.runs().size(), out.points().size(), "every grid run is a point");
    Set<String> methods = out.points().stream().map(GridPointRow::method).collect(Collectors.toSet());
    assertEquals(Set.of("pgd-steps2", "trades-beta6-steps2"), methods);
    for (String method : methods) {
      List<GridPointRow> points = out.points().stream().filter(p -> p.method().equals(method)).toList();
      List<GridLawRow> laws = out.laws().stream().filter(l -> l.method().equals(method)).toList();
      // One law per method, chosen on that method's runs only (their count is the method's).
      assertEquals(1, laws.stream().filter(GridLawRow::chosen).count(), method + ": " + laws);
      GridLawRow chosen = laws.stream().filter(GridLawRow::chosen).findFirst().orElseThrow();
      assertEquals(points.size(), chosen.runsFitted() + chosen.runsHeldOut(), method);
      // The top three budgets held out whole; every held-out run forecast with an interval.
      assertEquals(Set.of(2, 3, 4), points.stream().filter(GridPointRow::heldOut).map(GridPointRow::computeLevel).collect(Collectors.toSet()));
      assertTrue(points.stream().allMatch(p -> p.heldOut() == (p.predictedRobustAccuracyPct() != null)), method);
      assertTrue(points.stream().filter(GridPointRow::heldOut)
          .allMatch(p -> p.intervalLowPct() <= p.predictedRobustAccuracyPct() && p.predictedRobustAccuracyPct() <= p.intervalHighPct()));
      assertTrue(chosen.heldOutMeanAbsErrorPoints() >= 0 && chosen.heldOutCoverage() >= 0 && chosen.heldOutCoverage() <= 1);
      // The measured FLOPs are the budgets laid out, to the last batch's rounding.
      assertTrue(points.stream().allMatch(p -> Math.abs(p.trainingFlops() / p.budget() - 1) < 0.02),
          method + ": " + points.stream().map(p -> p.trainingFlops() / p.budget()).toList());
    }
  }
}
