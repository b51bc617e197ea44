package robustperf.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.records.AttackStage;
import robustperf.records.KeptCheckpoint;
import robustperf.records.EvaluationResult;
import robustperf.records.PathSafeId;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.attack.EpsBall;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.inference.InferenceBench;
import robustperf.train.loop.AutoAttackEvaluation;
import robustperf.train.model.Network;
import robustperf.train.model.TorchScriptModel;

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
  @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Runs directory (default: ${DEFAULT-VALUE}).")
  Path runs;

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

  @Option(names = "--dataset", paramLabel = "D", description = "With --model: fashion-mnist, cifar10, cifar100 or imagenet.")
  String dataset;

  @Option(names = "--eps", paramLabel = "E", description = "With --model: the radius as written, e.g. 8/255.")
  String eps;

  @Option(names = "--norm", defaultValue = "Linf", paramLabel = "Linf|L2", description = "With --model: the norm (default: ${DEFAULT-VALUE}).")
  String norm;

  @Option(names = "--mean", split = ",", paramLabel = "M", description = "With --model: per-channel mean the model subtracts from [0, 1] inputs.")
  float[] mean = new float[0];

  @Option(names = "--std", split = ",", paramLabel = "S", description = "With --model: per-channel standard deviation it divides by.")
  float[] std = new float[0];

  @Option(names = "--checkpoint", defaultValue = "best", paramLabel = "best|last|epoch-N", converter = KeptCheckpointConverter.class,
      description = "Which checkpoint: best, last, or epoch-N where training kept every epoch's (default: ${DEFAULT-VALUE}).")
  KeptCheckpoint checkpoint;

  @Option(names = "--version", defaultValue = "standard", paramLabel = "V",
      description = "standard (APGD-CE, APGD-T, FAB-T, Square), plus (APGD-CE and APGD-DLR with 5 restarts, FAB with 5,"
          + " Square, APGD-T, FAB-T), rand (APGD-CE and APGD-DLR with 20 EOT passes, for randomized defences), or apgd-ce"
          + " alone (default: ${DEFAULT-VALUE}).")
  String version;

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
    AutoAttackEvaluation.Suite suite = AutoAttackEvaluation.VERSIONS.get(version);
    if (suite == null) {
      throw new IllegalArgumentException(
          "--version must be one of " + new TreeSet<>(AutoAttackEvaluation.VERSIONS.keySet()) + ", got '" + version + "'");
    }
    AutoAttackEvaluation.Settings settings = new AutoAttackEvaluation.Settings(iterations, squareQueries, 256, seed);
    if (runIds.isEmpty() == (model == null)) {
      throw new IllegalArgumentException("give either --run ID or --model FILE.pt");
    }
    String dataName;
    ThreatModel threat;
    RunDirectory dir;
    KeptCheckpoint which;
    List<RunManifest> members = new ArrayList<>();
    RunMembers resolved = null;
    if (!runIds.isEmpty()) {
      resolved = RunMembers.read(runs, runIds, checkpoint, ensembleId);
      members = resolved.manifests();
      RunManifest first = members.get(0);
      dataName = first.dataset();
      threat = first.threatModel();
      which = checkpoint;
      dir = resolved.directory();
    } else {
      if (dataset == null || eps == null) {
        throw new IllegalArgumentException("--model needs --dataset and --eps");
      }
      if (!Files.isRegularFile(model)) {
        throw new IllegalArgumentException(model + ": no such TorchScript file");
      }
      String stem = model.getFileName().toString().replaceAll("\\.pt$", "");
      dir = new RunDirectory(runs, PathSafeId.check("model id", "external-" + stem));
      dataName = dataset;
      threat = ThreatModel.of(robustperf.records.Norm.parse(norm), eps);
      // An external model is evaluated as released: recorded as its "last" checkpoint.
      which = KeptCheckpoint.LAST;
    }
    Path root = datasetRoot != null ? datasetRoot : dataName.equals("fashion-mnist") ? Datasets.DEBIAN_FASHION_MNIST : null;
    if (root == null) {
      throw new IllegalArgumentException("--dataset-root is required for " + dataName);
    }
    ImageDataset test = Datasets.open(dataName, root, false);
    EpsBall ball = new EpsBall(threat.norm(), threat.eps());
    AutoAttackEvaluation.Outcome outcome;
    if (model != null) {
      TorchScriptModel loaded;
      try {
        loaded = TorchScriptModel.load(model, mean, std);
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      try (TorchScriptModel external = loaded;
          NDManager manager = NDManager.newBaseManager()) {
        outcome = AutoAttackEvaluation.of(new Network(external.block(), manager, null), test, n, ball, suite, settings,
            ConsoleAttackProgress.on(command.commandLine().getErr()));
      }
    } else {
      try (NDManager manager = NDManager.newBaseManager()) {
        Block block = InferenceBench.model(members, resolved.checkpoints(runs, checkpoint), Datasets.imageShape(dataName),
            DataType.FLOAT32, manager);
        outcome = AutoAttackEvaluation.of(new Network(block, manager, null), test, n, ball, suite, settings,
            ConsoleAttackProgress.on(command.commandLine().getErr()));
      }
      resolved.writeEnsembleManifest(checkpoint);
    }
    List<AttackStage> stages = outcome.stages();
    EvaluationResult result = new EvaluationResult(
        dir.runId(), which.kind(), suite.id(),
        String.format(Locale.ROOT, "robustperf-2 (APGD and FAB %d iterations, Square %d queries, EOT %d, seed %d;"
            + " standard version within 0.3 points of fra31/auto-attack a392200 at every stage, bench/autoattack 2026-12-01)",
            iterations, squareQueries, suite.eot(), seed),
        threat, outcome.n(), 100.0 * outcome.clean() / outcome.n(), stages.get(stages.size() - 1).robustAccuracyPct(),
        stages, outcome.status(), outcome.warnings(), Instant.now(), which.epoch());
    Files.createDirectories(dir.dir());
    Path file = dir.evaluation(which, suite.id());
    RecordFiles.write(file, EvaluationResult.class, List.of(result));
    PrintWriter out = command.commandLine().getOut();
    out.printf(Locale.ROOT, "%s %s: clean %.2f%% over %d%n", dir.runId(), which, result.cleanAccuracyPct(), outcome.n());
    for (AttackStage s : stages) {
      out.printf(Locale.ROOT, "  after %-8s robust %.2f%%  (%.1f s)%n", s.attack(), s.robustAccuracyPct(), s.seconds());
    }
    for (String warning : result.warnings()) {
      // recorded with the result too; stderr so that a script piping the figures still sees it
      command.commandLine().getErr().println("robustperf evaluate: warning: " + warning);
    }
    out.println("  wrote " + file);
    return ExitCodes.OK;
  }
}
