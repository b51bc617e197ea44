package robustperf.train.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import robustperf.records.AttackStage;
import robustperf.records.EvaluationResult;
import robustperf.records.KeptCheckpoint;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.attack.EpsBall;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.inference.InferenceBench;
import robustperf.train.model.Network;
import robustperf.train.model.TorchScriptModel;

/**
 * An AutoAttack evaluation of one model on the first N test images, recorded as an
 * {@link EvaluationResult} in the model's run directory: what {@code robustperf evaluate} runs,
 * apart from reading its options.
 */
public final class AutoAttackRecord {
  private AutoAttackRecord() {}

  /** What is attacked: the kept checkpoint of one or more trained runs, or an external TorchScript model. */
  public sealed interface Target permits TrainedRuns, ExternalModel {
    /** @return where the record goes */
    RunDirectory directory();

    /** @return the test set's dataset */
    String dataset();

    /** @return norm and radius */
    ThreatModel threat();

    /** @return the checkpoint the record is filed under */
    KeptCheckpoint checkpoint();
  }

  /**
   * One run, or the members of a logit-averaging ensemble, attacked as one model.
   *
   * @param members the members' manifests (one dataset and threat model)
   * @param checkpoints each member's checkpoint file
   * @param checkpoint which kept checkpoint
   * @param directory the run's directory, or the ensemble's
   */
  public record TrainedRuns(List<RunManifest> members, List<Path> checkpoints, KeptCheckpoint checkpoint, RunDirectory directory)
      implements Target {
    @Override
    public String dataset() {
      return members.get(0).dataset();
    }

    @Override
    public ThreatModel threat() {
      return members.get(0).threatModel();
    }
  }

  /**
   * An external classifier, evaluated as released and filed as its "last" checkpoint.
   *
   * @param model the TorchScript file
   * @param dataset its dataset
   * @param threat norm and radius
   * @param mean per-channel mean it subtracts from [0, 1] inputs (empty for none)
   * @param std per-channel standard deviation it divides by (empty for none)
   * @param directory where its records go
   */
  public record ExternalModel(Path model, String dataset, ThreatModel threat, float[] mean, float[] std, RunDirectory directory)
      implements Target {
    @Override
    public KeptCheckpoint checkpoint() {
      return KeptCheckpoint.LAST;
    }
  }

  /**
   * @param result the record
   * @param file where it was written
   */
  public record Written(EvaluationResult result, Path file) {}

  /**
   * @param target what to attack
   * @param datasetRoot the dataset's directory
   * @param n the first N test images
   * @param suite the AutoAttack version
   * @param settings iterations, queries, batch and seed
   * @param progress told of each stage
   * @return the record, written
   * @throws IOException when a checkpoint or the record cannot be read or written
   */
  public static Written evaluate(Target target, Path datasetRoot, int n, AutoAttackEvaluation.Suite suite,
      AutoAttackEvaluation.Settings settings, AttackProgress progress) throws IOException {
    ImageDataset test = Datasets.open(target.dataset(), datasetRoot, false);
    EpsBall ball = new EpsBall(target.threat().norm(), target.threat().eps());
    AutoAttackEvaluation.Outcome outcome;
    if (target instanceof ExternalModel external) {
      if (!Files.isRegularFile(external.model())) {
        throw new IllegalArgumentException(external.model() + ": no such TorchScript file");
      }
      TorchScriptModel loaded;
      try {
        loaded = TorchScriptModel.load(external.model(), external.mean(), external.std());
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      try (TorchScriptModel model = loaded;
          NDManager manager = NDManager.newBaseManager()) {
        outcome = AutoAttackEvaluation.of(new Network(model.block(), manager, null), test, n, ball, suite, settings, progress);
      }
    } else {
      TrainedRuns runs = (TrainedRuns) target;
      try (NDManager manager = NDManager.newBaseManager()) {
        Block block = InferenceBench.model(runs.members(), runs.checkpoints(), Datasets.imageShape(runs.dataset()), DataType.FLOAT32, manager);
        outcome = AutoAttackEvaluation.of(new Network(block, manager, null), test, n, ball, suite, settings, progress);
      }
    }
    List<AttackStage> stages = outcome.stages();
    KeptCheckpoint which = target.checkpoint();
    EvaluationResult result = new EvaluationResult(
        target.directory().runId(), which.kind(), suite.id(),
        String.format(Locale.ROOT, "robustperf-2 (APGD and FAB %d iterations, Square %d queries, EOT %d, seed %d;"
            + " standard version within 0.3 points of fra31/auto-attack a392200 at every stage, bench/autoattack 2026-12-01)",
            settings.iterations(), settings.squareQueries(), suite.eot(), settings.seed()),
        target.threat(), outcome.n(), 100.0 * outcome.clean() / outcome.n(), stages.get(stages.size() - 1).robustAccuracyPct(),
        stages, outcome.status(), outcome.warnings(), Instant.now(), which.epoch());
    Files.createDirectories(target.directory().dir());
    Path file = target.directory().evaluation(which, suite.id());
    RecordFiles.write(file, EvaluationResult.class, List.of(result));
    return new Written(result, file);
  }
}
