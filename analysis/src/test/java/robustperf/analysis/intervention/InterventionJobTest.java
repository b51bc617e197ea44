package robustperf.analysis.intervention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.analysis.trend.LeaderboardTrendJob;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.records.AttackStage;
import robustperf.records.Checkpoint;
import robustperf.records.KeptCheckpoint;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.Hardware;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RecordKind;
import robustperf.records.parquet.RunDirectory;
import robustperf.tables.PipelineTables;
import robustperf.tables.intervention.InterventionRow;

class InterventionJobTest {
  /** An entry with what the regression reads; everything else unknown. */
  private static RobustBenchEntry entry(String architecture, boolean extra, int year, double robust, String exclusion, String modelId) {
    return new RobustBenchEntry("board", null, null, modelId, null, null, null, null, year, 6, null, null, null, architecture, null, null,
        null, null, extra, null, 90.0, robust, null, null, false, exclusion, null, null, null, null);
  }
  @TempDir static Path runs;
  private static List<InterventionRow> rows;

  private static void run(String id, String method, double flopsPerEpoch, double robust) throws IOException {
    RunDirectory dir = new RunDirectory(runs, id);
    RecordFiles.write(dir.manifest(), RunManifest.class, List.of(new RunManifest(id, Instant.parse("2026-11-30T00:00:00Z"),
        "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"), "small-cnn", method, Map.of(), 1, 1, 128, Precision.fp32,
        new Hardware(null, 0, "Test CPU", 2, 8.0), Map.of(), "abc", Map.of())));
    RecordFiles.write(dir.epoch(1), EpochMetrics.class, List.of(new EpochMetrics(id, 1, 0.1, 1.0, 80.0, robust, "pgd-10-heldout", 100,
        1.0, 1.0, flopsPerEpoch, flopsPerEpoch / 2, List.of(), null, null, Map.of("co2_kg", "later", "usd", "later"))));
    RecordFiles.write(dir.evaluation(KeptCheckpoint.LAST, "pgd-20"), EvaluationResult.class, List.of(new EvaluationResult(id,
        Checkpoint.last, "pgd-20", "t", ThreatModel.of(Norm.Linf, "0.1"), 1000, 80.0, robust,
        List.of(new AttackStage("pgd-20", robust, 1.0)), List.of(), List.of(), Instant.EPOCH, null)));
  }

  @BeforeAll
  static void writeEntriesOnAKnownModelAndRunsOfTwoConfigurations() throws IOException {
    // AutoAttack accuracy = 10 + 2 log2(depth) + 3 log2(width) + 5 extra + 1 per year since 2020, exactly.
    List<RobustBenchEntry> entries = new ArrayList<>();
    int[][] shapes = {{28, 10}, {34, 10}, {34, 20}, {70, 16}, {106, 16}, {28, 4}, {16, 8}, {34, 15}};
    int i = 0;
    for (int[] s : shapes) {
      for (int year = 2019; year <= 2023; year += 2) {
        boolean extra = (i++ % 3) == 0;
        double date = LeaderboardTrendJob.decimalDate(year, 6);
        double aa = 10 + 2 * Math.log(s[0]) / Math.log(2) + 3 * Math.log(s[1]) / Math.log(2) + (extra ? 5 : 0) + (date - 2020);
        entries.add(entry("WRN-" + s[0] + "-" + s[1], extra, year, aa, null, "m" + i));
      }
    }
    entries.add(entry("ResNet-18", false, 2020, 40.0, null, "r18")); // not a WRN: left out
    // A broken defence (the entry rule): left out although it is a WideResNet; it would pull every coefficient.
    entries.add(entry("WRN-34-10", false, 2019, 0.5, "broken defence", "broken"));
    Dataset<Row> table = PipelineTables.ROBUSTBENCH_ENTRIES.dataset(SharedSparkSession.get(), entries);
    // Ours: FGSM at 1e12 FLOPs (60, 62, 64) against PGD at 4e12 (66, 67, 68).
    run("fm-fgsm-e1-s1-r0", "fgsm-rs", 1e12, 60);
    run("fm-fgsm-e1-s2-r0", "fgsm-rs", 1e12, 62);
    run("fm-fgsm-e1-s3-r0", "fgsm-rs", 1e12, 64);
    run("fm-pgd-e1-s1-r0", "pgd", 4e12, 66);
    run("fm-pgd-e1-s2-r0", "pgd", 4e12, 67);
    run("fm-pgd-e1-s3-r0", "pgd", 4e12, 68);
    MetricRecordIngest.Output in = new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(SharedSparkSession.get());
    rows = new InterventionJob(InterventionJob.Options.defaults())
        .apply(SharedSparkSession.get(), table, in.tables().get(RecordKind.RUN_MANIFEST), in.tables().get(RecordKind.EPOCH_METRICS),
            in.tables().get(RecordKind.EVALUATION))
        .collectAsList().stream().map(PipelineTables.INTERVENTIONS::fromRow).toList();
  }

  private static InterventionRow named(String prefix) {
    return rows.stream().filter(r -> r.intervention().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void theRegressionRecoversEachInterventionAndItsComputeFactor() {
    InterventionRow width = named("double the WRN width");
    assertEquals(3.0, width.gainPct(), 1e-9);
    assertEquals(4.0, width.computeFactor());
    assertEquals(1.5, width.gainPerComputeDoublingPct(), 1e-9);
    assertEquals(24L, width.n());
    // One change throughout: twice the residual blocks of the median depth, 34 -> 64, which is
    // log2(64/34) of a doubling of the depth (the coefficient's unit), at (64 - 4) / (34 - 4) = 2 times the FLOPs.
    InterventionRow depth = named("double the WRN's residual blocks (depth 34 to 64");
    double depthDoublings = Math.log(64.0 / 34) / Math.log(2);
    assertEquals(2.0 * depthDoublings, depth.gainPct(), 1e-9);
    assertEquals(2.0, depth.computeFactor(), 1e-12);
    assertEquals(2.0 * depthDoublings, depth.gainPerComputeDoublingPct(), 1e-9);
    assertTrue(depth.gainCiLowPct() <= depth.gainPct());
    assertEquals(1, depth.rank());
    assertEquals(2, width.rank());
    InterventionRow extra = named("add extra training data");
    assertEquals(5.0, extra.gainPct(), 1e-9);
    assertNull(extra.computeFactor());
    assertNull(extra.rank());
    assertEquals(1.0, named("one year").gainPct(), 1e-9);
  }

  @Test
  void measuredInterventionsCompareEachConfigurationWithTheCheapest() {
    InterventionRow pgd = named("fm-pgd-e1 instead of fm-fgsm-e1");
    assertEquals(5.0, pgd.gainPct(), 1e-9);
    assertEquals(4.0, pgd.computeFactor(), 1e-12);
    assertEquals(2.5, pgd.gainPerComputeDoublingPct(), 1e-9);
    // Welch: variances 4 and 1 over 3 runs each, df = (5/3)^2 / ((4/3)^2/2 + (1/3)^2/2) = 2.94...
    double se = Math.sqrt(4.0 / 3 + 1.0 / 3);
    double t = new org.apache.commons.math3.distribution.TDistribution((5.0 / 3) * (5.0 / 3) / ((16.0 / 9) / 2 + (1.0 / 9) / 2))
        .inverseCumulativeProbability(0.975);
    assertEquals(5.0 - t * se, pgd.gainCiLowPct(), 1e-9);
    assertTrue(pgd.basis().startsWith("measured"));
  }
}
