package robustperf.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.KeptCheckpoint;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.schedule.LearningRateSchedule;

/** Training on real Fashion-MNIST (Debian's dataset-fashion-mnist, installed by bin/setup). */
@Tag("slow")
class TrainingRunTest {
  private static ImageDataset train;
  private static ImageDataset test;

  @TempDir Path runs;

  @BeforeAll
  static void data() {
    train = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, true);
    test = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, false);
  }

  @Test
  void oneEpochOnASubsetBeatsChanceByAWideMargin() throws Exception {
    RunSpec spec = spec("standard", Map.of(), EpochMonitor.APGD_CE_10);
    TrainingRun.Outcome outcome = TrainingRun.execute(spec, train, test, runs, b -> {});
    // Chance is 10% on ten balanced classes.
    assertTrue(outcome.last().cleanAccuracyPct() > 65, "clean accuracy " + outcome.last().cleanAccuracyPct());
    assertTrue(TrainingRun.finished(runs, outcome.runId()));
    // The fast monitor is named in the epoch record, and its robust figure never exceeds the clean one.
    RunDirectory dir = new RunDirectory(runs, spec.runId());
    EpochMetrics epoch = (EpochMetrics) RecordFiles.read(dir.epoch(1)).rows().get(0);
    assertEquals("apgd-ce-10-heldout", epoch.robustAttack());
    assertEquals(500, epoch.evalN());
    assertTrue(epoch.robustAccuracyPct() <= epoch.cleanAccuracyPct(), epoch.toString());
    RunManifest manifest = (RunManifest) RecordFiles.read(dir.manifest()).rows().get(0);
    assertEquals("apgd-ce-10-heldout", manifest.hyperparameters().get("monitor"));
  }

  @Test
  void pgdTrainingRecordsItsPassesAndRecipe() throws Exception {
    RunSpec spec = spec("pgd", Map.of("steps", "2"), null);
    TrainingRun.Outcome outcome = TrainingRun.execute(spec, train, test, runs, b -> {});
    assertTrue(outcome.last().robustAccuracyPct() > 20, "PGD-20 accuracy " + outcome.last().robustAccuracyPct());
    RunDirectory dir = new RunDirectory(runs, spec.runId());
    RunManifest manifest = (RunManifest) RecordFiles.read(dir.manifest()).rows().get(0);
    assertEquals("pgd-2", manifest.method());
    assertEquals("2", manifest.hyperparameters().get("attack_steps"));
    // Madry's 2.5 eps / K for K < 7: 0.125 at eps 0.1.
    assertEquals(0.125, Double.parseDouble(manifest.hyperparameters().get("attack_step_size")), 1e-12);
    double forward = Double.parseDouble(manifest.hyperparameters().get("forward_flops_per_image"));
    EpochMetrics epoch = (EpochMetrics) RecordFiles.read(dir.epoch(1)).rows().get(0);
    // (2K + 3) F per example for PGD-K, of which 2K F craft the attack.
    assertEquals(7 * forward * 3000, epoch.trainingFlops(), 1e-6 * epoch.trainingFlops());
    assertEquals(4 * forward * 3000, epoch.attackFlops(), 1e-6 * epoch.attackFlops());
    assertEquals(EpochMonitor.PGD_10.id(), epoch.robustAttack());
    assertTrue(epoch.missing().containsKey("co2_kg"));
    assertTrue(epoch.energy().stream().anyMatch(e -> e.component().equals("ram")), "RAM energy is estimated");
    // The CPU is read by RAPL, or estimated, or null with the reason: never left out.
    assertTrue(epoch.energy().stream().anyMatch(e -> e.component().startsWith("cpu")), epoch.energy().toString());
    assertEquals(manifest.hyperparameters().get("cpu_power_model").isEmpty(), false);
  }

  @Test
  void keepingEveryEpochEvaluatesEachCheckpointOnceUnderItsEpoch() throws Exception {
    RunSpec spec = spec("standard", Map.of(), 3, 2000, 500, 500, 1, EpochMonitor.APGD_CE_10, true);
    TrainingRun.Outcome outcome = TrainingRun.execute(spec, train, test, runs, b -> {});
    RunDirectory dir = new RunDirectory(runs, spec.runId());
    // each epoch's weights are kept; the best and the last are the same bytes as their epochs'
    for (int epoch = 1; epoch <= 3; epoch++) {
      assertTrue(Files.exists(dir.checkpoint(KeptCheckpoint.ofEpoch(epoch))), "epoch " + epoch);
    }
    assertArrayEquals(Files.readAllBytes(dir.checkpoint(KeptCheckpoint.BEST)),
        Files.readAllBytes(dir.checkpoint(KeptCheckpoint.ofEpoch(outcome.bestEpoch()))));
    assertArrayEquals(Files.readAllBytes(dir.checkpoint(KeptCheckpoint.LAST)),
        Files.readAllBytes(dir.checkpoint(KeptCheckpoint.ofEpoch(3))));
    // every epoch is evaluated once: as itself, or as the best or last checkpoint
    for (int epoch = 1; epoch <= 3; epoch++) {
      Path file = dir.evaluation(KeptCheckpoint.ofEpoch(epoch), TrainingRun.FINAL_SUITE);
      boolean coveredElsewhere = epoch == outcome.bestEpoch() || epoch == 3;
      assertEquals(!coveredElsewhere, Files.exists(file), file.toString());
      if (!coveredElsewhere) {
        EvaluationResult e = (EvaluationResult) RecordFiles.read(file).rows().get(0);
        assertEquals(KeptCheckpoint.ofEpoch(epoch), e.keptCheckpoint());
        assertEquals(500, e.n());
        assertTrue(e.cleanAccuracyPct() > 40, e.toString());
      }
    }
    assertEquals(null, outcome.best().checkpointEpoch());
    RunManifest manifest = (RunManifest) RecordFiles.read(dir.manifest()).rows().get(0);
    assertEquals("every epoch kept and evaluated", manifest.hyperparameters().get("epoch_checkpoints"));
  }

  @Test
  void theSameSpecTrainsToTheSameRecordsBitForBit(@TempDir Path again) throws Exception {
    // Random starts and shuffling come from the seed alone, so a retrain reproduces a run's weights
    // (how the embedded runs' epoch checkpoints were recovered for their evaluations).
    RunSpec spec = spec("fgsm-rs", Map.of(), 1, 1000, 300, 200, 7, EpochMonitor.APGD_CE_10, false);
    TrainingRun.execute(spec, train, test, runs, b -> {});
    TrainingRun.execute(spec, train, test, again, b -> {});
    EpochMetrics first = (EpochMetrics) RecordFiles.read(new RunDirectory(runs, spec.runId()).epoch(1)).rows().get(0);
    EpochMetrics second = (EpochMetrics) RecordFiles.read(new RunDirectory(again, spec.runId()).epoch(1)).rows().get(0);
    assertEquals(first.trainLoss(), second.trainLoss());
    assertEquals(first.cleanAccuracyPct(), second.cleanAccuracyPct());
    assertEquals(first.robustAccuracyPct(), second.robustAccuracyPct());
    assertArrayEquals(Files.readAllBytes(new RunDirectory(runs, spec.runId()).checkpoint(KeptCheckpoint.LAST)),
        Files.readAllBytes(new RunDirectory(again, spec.runId()).checkpoint(KeptCheckpoint.LAST)));
  }

  private static RunSpec spec(String method, Map<String, String> parameters, EpochMonitor monitor) {
    return spec(method, parameters, 1, 3000, 500, 1000, 1, monitor, false);
  }

  /** The small CNN on Fashion-MNIST at Linf 0.1, batches of 100, cyclic learning rate up to 0.05. */
  private static RunSpec spec(String method, Map<String, String> parameters, int epochs, int trainExamples, int heldOut,
      int testExamples, long seed, EpochMonitor monitor, boolean keepEveryEpoch) {
    return new RunSpec(
        new RunSpec.Data("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, trainExamples, heldOut, testExamples),
        new RunSpec.Recipe("small-cnn", method, parameters, ThreatModel.of(Norm.Linf, "0.1"), Precision.fp32),
        new RunSpec.Optimization(epochs, 100, 0.05, LearningRateSchedule.Kind.cyclic, 0.9, 5e-4, null),
        new RunSpec.Replicate(seed, 0),
        new RunSpec.Monitoring(monitor, keepEveryEpoch));
  }

}
