package robustperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.records.AttackStage;
import robustperf.records.EvaluationResult;
import robustperf.records.KeptCheckpoint;
import robustperf.records.Norm;
import robustperf.records.PathSafeId;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.data.Datasets;
import robustperf.train.loop.AutoAttackEvaluation;
import robustperf.train.loop.AutoAttackRecord;

/**
 * {@code robustperf evaluate}: robust accuracy of a run's checkpoint, or of an external TorchScript
 * classifier, under AutoAttack.
 */
@Command(
    name = "evaluate",
    // Not mixinStandardHelpOptions: its --version would take AutoAttack's --version option's name,
    // and picocli then dropped --help as well. Help is declared below; robustperf --version prints ours.
    description = {
      "Evaluate a trained run's checkpoint, or an external TorchScript model, on the first N test images under"
          + " AutoAttack (our implementation of Croce and Hein 2020): clean accuracy, then each stage on the points"
          + " still robust; robust accuracy after each stage over all N points, and every point's status (already"
          + " misclassified, the stage that first broke it, or robust). Writes eval-<checkpoint>-<suite>.parquet in"
          + " the run's directory."
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin RunsDirectory runs;

  @Option(names = "--run", paramLabel = "ID",
      description = "The run whose checkpoint to evaluate (or --model); give it more than once to evaluate the ensemble"
          + " that averages those runs' logits, attacked as one model.")
  List<String> runIds = new ArrayList<>();

  @Option(names = "--ensemble-id", paramLabel = "ID",
      description = "With several --run: the ensemble's id, a directory under --runs (default: ensemble- and a hash of the"
          + " member ids).")
  String ensembleId;

  @Option(names = "--model", paramLabel = "FILE.pt",
      description = "An external classifier saved as TorchScript, evaluated as given (needs --dataset and --eps).")
  Path model;

  @Option(names = "--dataset", paramLabel = "D", converter = DatasetNameConverter.class, completionCandidates = DatasetNameConverter.Names.class,
      description = "With --model: one of ${COMPLETION-CANDIDATES}.")
  String dataset;

  @Option(names = "--eps", paramLabel = "E", description = "With --model: the radius as written, e.g. 8/255.")
  String eps;

  @Option(names = "--norm", defaultValue = "Linf", paramLabel = "N", description = "With --model: the norm, ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Norm norm;

  @Option(names = "--mean", split = ",", paramLabel = "M", description = "With --model: per-channel mean the model subtracts from [0, 1] inputs.")
  float[] mean = new float[0];

  @Option(names = "--std", split = ",", paramLabel = "S", description = "With --model: per-channel standard deviation it divides by.")
  float[] std = new float[0];

  @Option(names = "--checkpoint", defaultValue = "best", paramLabel = "best|last|epoch-N", converter = KeptCheckpointConverter.class,
      description = "Which checkpoint: best, last, or epoch-N where training kept every epoch's (default: ${DEFAULT-VALUE}).")
  KeptCheckpoint checkpoint;

  @Option(names = "--version", defaultValue = "standard", paramLabel = "V", converter = AttackSuiteConverter.class,
      completionCandidates = AttackSuiteConverter.Names.class,
      description = "One of ${COMPLETION-CANDIDATES}: standard (APGD-CE, APGD-T, FAB-T, Square), plus (APGD-CE and APGD-DLR with"
          + " 5 restarts, FAB with 5, Square, APGD-T, FAB-T), rand (APGD-CE and APGD-DLR with 20 EOT passes, for randomized"
          + " defences), or apgd-ce alone (default: ${DEFAULT-VALUE}).")
  AutoAttackEvaluation.Suite version;

  @Option(names = "--square-queries", defaultValue = "5000", description = "Square's queries per point (default: ${DEFAULT-VALUE}, as AutoAttack).")
  int squareQueries;

  @Option(names = "--n", defaultValue = "1000", description = "Test images, the first N (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--dataset-root", paramLabel = "DIR", description = "The dataset's directory (default for fashion-mnist: Debian's).")
  Path datasetRoot;

  @Option(names = "--iterations", defaultValue = "100", description = "APGD and FAB iterations per run (default: ${DEFAULT-VALUE}, as AutoAttack).")
  int iterations;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the random starts (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Spec CommandSpec command;

  @Override
  public Integer call() throws IOException {
    if (runIds.isEmpty() == (model == null)) {
      throw new IllegalArgumentException("give either --run ID or --model FILE.pt");
    }
    AutoAttackRecord.Target target;
    RunMembers members = null;
    if (!runIds.isEmpty()) {
      members = RunMembers.read(runs.path(), runIds, checkpoint, ensembleId);
      target = new AutoAttackRecord.TrainedRuns(members.manifests(), members.checkpoints(runs.path(), checkpoint), checkpoint, members.directory());
    } else {
      if (dataset == null || eps == null) {
        throw new IllegalArgumentException("--model needs --dataset and --eps");
      }
      String stem = model.getFileName().toString().replaceAll("\\.pt$", "");
      target = new AutoAttackRecord.ExternalModel(model, dataset, ThreatModel.of(norm, eps), mean, std,
          new RunDirectory(runs.path(), PathSafeId.check("model id", "external-" + stem)));
    }
    Path root = datasetRoot != null ? datasetRoot : target.dataset().equals("fashion-mnist") ? Datasets.DEBIAN_FASHION_MNIST : null;
    if (root == null) {
      throw new IllegalArgumentException("--dataset-root is required for " + target.dataset());
    }
    AutoAttackRecord.Written written = AutoAttackRecord.evaluate(target, root, n, version,
        new AutoAttackEvaluation.Settings(iterations, squareQueries, 256, seed), ConsoleAttackProgress.on(command.commandLine().getErr()));
    if (members != null) {
      members.writeEnsembleManifest(checkpoint);
    }
    EvaluationResult result = written.result();
    PrintWriter out = command.commandLine().getOut();
    out.printf(Locale.ROOT, "%s %s: clean %.2f%% over %d%n", target.directory().runId(), target.checkpoint(), result.cleanAccuracyPct(), result.n());
    for (AttackStage s : result.stages()) {
      out.printf(Locale.ROOT, "  after %-8s robust %.2f%%  (%.1f s)%n", s.attack(), s.robustAccuracyPct(), s.seconds());
    }
    for (String warning : result.warnings()) {
      // recorded with the result too; stderr so that a script piping the figures still sees it
      command.commandLine().getErr().println("robustperf evaluate: warning: " + warning);
    }
    out.println("  wrote " + written.file());
    return ExitCodes.OK;
  }
}
