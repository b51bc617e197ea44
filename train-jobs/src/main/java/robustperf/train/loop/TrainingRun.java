package robustperf.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import robustperf.records.AttackStage;
import robustperf.records.KeptCheckpoint;
import robustperf.records.EnergyReading;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.attack.EpsBall;
import robustperf.train.attack.Pgd;
import robustperf.train.data.CropFlip;
import robustperf.train.data.ImageDataset;
import robustperf.train.flops.FlopCount;
import robustperf.train.flops.FlopCounter;
import robustperf.train.flops.TrainingFlops;
import robustperf.train.meter.CpuPowerEstimate;
import robustperf.train.meter.EnergySampler;
import robustperf.train.meter.NvmlMeter;
import robustperf.train.method.TrainingMethod;
import robustperf.train.method.WeightAverage;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;
import robustperf.train.precision.DynamicLossScale;
import robustperf.train.run.AtomicFile;
import robustperf.train.run.GitCommit;
import robustperf.train.run.MachineInfo;
import robustperf.train.run.RunRecorder;
import robustperf.train.schedule.LearningRateSchedule;

/**
 * Runs one training run end to end and records it as it goes: the manifest first, one epoch
 * record per epoch (loss, held-out clean and monitored robust accuracy, time, FLOPs from counted passes,
 * energy), the best and last checkpoints (and every epoch's when the spec asks), and a final PGD-20
 * evaluation of each on the test set, the last checkpoint's written last so that its presence means
 * the run finished.
 */
public final class TrainingRun {
  /** The final evaluation suite; AutoAttack is a separate, later evaluation. */
  public static final String FINAL_SUITE = "pgd-20";

  private static final int EVAL_BATCH = 500;

  private TrainingRun() {}

  /**
   * @param runId the run
   * @param epochsRun epochs of passes made (epochs / replays)
   * @param trainSeconds wall time of the training passes, evaluations excluded
   * @param bestEpoch epoch of the best checkpoint
   * @param last final evaluation of the last checkpoint
   * @param best final evaluation of the best checkpoint
   */
  public record Outcome(
      String runId, int epochsRun, double trainSeconds, int bestEpoch, EvaluationResult last, EvaluationResult best) {}

  /**
   * @param spec the run
   * @param train the training split (held-out images are taken from its end)
   * @param test the test split
   * @param runsRoot where run directories go
   * @param progress told of every finished batch
   * @return what happened
   * @throws IOException when a record or checkpoint cannot be written
   */
  public static Outcome execute(
      RunSpec spec, ImageDataset train, ImageDataset test, Path runsRoot, IntConsumer progress) throws IOException {
    return execute(spec, train, test, runsRoot, progress, CpuPowerEstimate.notGiven(MachineInfo.cpuOnly().cpuModel()));
  }

  /**
   * As {@link #execute(RunSpec, ImageDataset, ImageDataset, Path, IntConsumer)}, with the CPU's
   * power model for when RAPL is unreadable.
   *
   * @param spec the run
   * @param train the training split
   * @param test the test split
   * @param runsRoot where run directories go
   * @param progress told of every finished batch
   * @param cpu the CPU power model (TDP x utilization), or one that says why there is none
   * @return what happened
   * @throws IOException when a record or checkpoint cannot be written
   */
  public static Outcome execute(
      RunSpec spec, ImageDataset train, ImageDataset test, Path runsRoot, IntConsumer progress, CpuPowerEstimate cpu)
      throws IOException {
    return execute(spec, train, test, runsRoot, progress, cpu, RunPlacement.here());
  }

  /**
   * As {@link #execute(RunSpec, ImageDataset, ImageDataset, Path, IntConsumer, CpuPowerEstimate)},
   * on a given device and with the commit read from the launcher's checkout.
   *
   * @param spec the run
   * @param train the training split
   * @param test the test split
   * @param runsRoot where run directories go
   * @param progress told of every finished batch
   * @param cpu the CPU power model (TDP x utilization), or one that says why there is none
   * @param placement the device and the launcher's directory
   * @return what happened
   * @throws IOException when a record or checkpoint cannot be written
   */
  public static Outcome execute(
      RunSpec spec, ImageDataset train, ImageDataset test, Path runsRoot, IntConsumer progress, CpuPowerEstimate cpu,
      RunPlacement placement) throws IOException {
    Setup setup = Setup.of(spec, train, test);
    try (NDManager manager = NDManager.newBaseManager(placement.device())) {
      Model model = Model.build(spec, setup, train, manager);
      RunManifest manifest = manifest(spec, setup, model, cpu, placement);
      RunRecorder recorder = RunRecorder.start(runsRoot, manifest);
      EnergySampler.Sources meters = EnergySampler.Sources.system(manifest.hardware().memoryGib(), cpu);
      Trained trained = trainEpochs(spec, setup, model, train, manager, recorder, meters, progress);
      return evaluateCheckpoints(spec, setup, model, test, manager, recorder, trained);
    }
  }

  /**
   * What the spec and the data decide before any weight exists: the splits, the method, the
   * schedule over the run's length, the final attack.
   */
  private record Setup(
      int trainCount,
      ImageDataset heldOut,
      int testCount,
      Random random,
      EpsBall ball,
      TrainingMethod method,
      int epochsRun,
      int batchesPerEpoch,
      LearningRateSchedule schedule,
      CropFlip augmentation,
      Pgd finalAttack,
      boolean half,
      int gpus) {

    static Setup of(RunSpec spec, ImageDataset train, ImageDataset test) {
      if (spec.heldOutExamples() >= train.size()) {
        throw new IllegalArgumentException(
            "held-out examples " + spec.heldOutExamples() + " leave nothing of " + train.size() + " to train on");
      }
      int available = train.size() - spec.heldOutExamples();
      int trainCount = spec.trainExamples() == 0 ? available : Math.min(spec.trainExamples(), available);
      ImageDataset heldOut = train.slice(available, train.size());
      int testCount = spec.testExamples() == 0 ? test.size() : Math.min(spec.testExamples(), test.size());

      Engine.getInstance().setRandomSeed((int) spec.seed());
      Random random = new Random(spec.seed());
      EpsBall ball = new EpsBall(spec.threatModel().norm(), spec.threatModel().eps());
      TrainingMethod method = Recipes.method(spec.method(), spec.methodParameters(), ball);
      int epochsRun = Math.max(1, (int) Math.ceil(spec.epochs() / (double) method.replays()));
      int batchesPerEpoch = (trainCount + spec.batchSize() - 1) / spec.batchSize();
      LearningRateSchedule schedule =
          new LearningRateSchedule(
              spec.schedule(), spec.learningRate(), (long) epochsRun * batchesPerEpoch * method.replays());
      CropFlip augmentation = train.channels() == 3 ? CropFlip.cifar() : null;
      Pgd finalAttack = new Pgd(ball, 20, ball.eps() / 4, Pgd.Start.UNIFORM);

      boolean half = spec.precision() == Precision.fp16;
      int gpus = Engine.getInstance().getGpuCount();
      if (half && gpus == 0) {
        throw new IllegalArgumentException(
            "run " + spec.runId() + ": fp16 training needs a GPU and the " + Engine.getInstance().getEngineName()
                + " engine sees none (build with -Pgpu-cu124 on a CUDA machine)");
      }
      return new Setup(trainCount, heldOut, testCount, random, ball, method, epochsRun, batchesPerEpoch, schedule, augmentation,
          finalAttack, half, gpus);
    }
  }

  /** The network with its optimizer, the evaluator over the same weights, and the weight average. */
  private record Model(Block block, FlopCount cost, Network network, Network evaluator, WeightAverage average) {

    static Model build(RunSpec spec, Setup setup, ImageDataset train, NDManager manager) {
      Block block = Architectures.build(spec.architecture(), train.classes(), train.imageShape());
      Architectures.initialize(
          block, manager, train.imageShape(), setup.half() ? ai.djl.ndarray.types.DataType.FLOAT16 : ai.djl.ndarray.types.DataType.FLOAT32);
      Optimizer optimizer =
          Optimizer.sgd()
              .setLearningRateTracker(setup.schedule())
              .optMomentum((float) spec.momentum())
              .optWeightDecays((float) spec.weightDecay())
              .build();
      DynamicLossScale lossScale = setup.half() ? new DynamicLossScale() : null;
      Network network = new Network(block, manager, optimizer, lossScale);
      Network evaluator = new Network(block, manager, null, setup.half() ? new DynamicLossScale() : null);
      WeightAverage average = spec.emaDecay() == null ? null : new WeightAverage(block, spec.emaDecay());
      return new Model(block, FlopCounter.count(block), network, evaluator, average);
    }

    double forwardFlops() {
      return cost.forwardFlops();
    }
  }

  /** The manifest, written first: every hyperparameter as run, the hardware and the software. */
  private static RunManifest manifest(RunSpec spec, Setup setup, Model model, CpuPowerEstimate cpu, RunPlacement placement) {
    Map<String, String> hyperparameters = new LinkedHashMap<>(setup.method().hyperparameters());
    hyperparameters.put("epochs_requested", Integer.toString(spec.epochs()));
    hyperparameters.put("epochs_run", Integer.toString(setup.epochsRun()));
    hyperparameters.put("learning_rate_peak", Double.toString(spec.learningRate()));
    hyperparameters.put("schedule", spec.schedule().name());
    hyperparameters.put("momentum", Double.toString(spec.momentum()));
    hyperparameters.put("weight_decay", Double.toString(spec.weightDecay()));
    hyperparameters.put("ema_decay", spec.emaDecay() == null ? "none" : Double.toString(spec.emaDecay()));
    hyperparameters.put("train_examples", Integer.toString(setup.trainCount()));
    hyperparameters.put("held_out_examples", Integer.toString(setup.heldOut().size()));
    hyperparameters.put("test_examples", Integer.toString(setup.testCount()));
    hyperparameters.put("augmentation", setup.augmentation() == null ? "none" : "crop4-flip");
    hyperparameters.put("repeat", Integer.toString(spec.repeat()));
    hyperparameters.put("parameters", Long.toString(model.cost().parameters()));
    hyperparameters.put("forward_flops_per_image", Double.toString(model.forwardFlops()));
    hyperparameters.put("monitor", spec.monitor().id());
    hyperparameters.put("final_evaluation", FINAL_SUITE + " step eps/4 uniform start");
    hyperparameters.put("epoch_checkpoints", spec.keepEveryEpoch() ? "every epoch kept and evaluated" : "best and last only");
    hyperparameters.put("precision", spec.precision().name());
    if (setup.half()) {
      hyperparameters.put("loss_scale", "dynamic: initial 65536, halve on overflow, double after 2000 clean steps");
    }
    hyperparameters.put("flop_convention", "forward F, input-only backward F, weight backward 2F");
    hyperparameters.put("energy_sampling", "own thread every " + EnergySampler.PERIOD.toMillis() + " ms");
    hyperparameters.put("cpu_power_model", cpu.basis());
    if (spec.origin().isoflopBudget() != null) {
      // The design the scaling-grid analysis groups by: one law per grid and method, levels by budget.
      hyperparameters.put(RunManifest.ISOFLOP_GRID, spec.origin().grid());
      hyperparameters.put(RunManifest.ISOFLOP_METHOD, spec.methodId());
      hyperparameters.put(RunManifest.ISOFLOP_BUDGET, Double.toString(spec.origin().isoflopBudget()));
    }

    Map<String, String> missing = new LinkedHashMap<>();
    String commit = GitCommit.of(placement.launchDirectory()).orElse(null);
    if (commit == null) {
      missing.put("git_commit", "not run from a git work tree");
    }
    return new RunManifest(
        spec.runId(),
        Instant.now(),
        spec.dataset(),
        spec.threatModel(),
        spec.architecture(),
        setup.method().name(),
        hyperparameters,
        spec.seed(),
        setup.epochsRun(),
        spec.batchSize(),
        spec.precision(),
        hardware(setup.gpus()),
        software(),
        commit,
        missing);
  }

  /** What the epoch loop leaves: training time and the epoch of the best checkpoint. */
  private record Trained(double trainSeconds, int bestEpoch) {}

  /** The epochs: each trains, is monitored on the held-out images, checkpointed and recorded. */
  private static Trained trainEpochs(RunSpec spec, Setup setup, Model model, ImageDataset train, NDManager manager,
      RunRecorder recorder, EnergySampler.Sources meters, IntConsumer progress) throws IOException {
    RunDirectory dir = recorder.directory();
    NvmlMeter nvml = NvmlMeter.open();
    TrainingMethod method = setup.method();
    WeightAverage average = model.average();
    int[] order = new int[setup.trainCount()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    double trainSeconds = 0;
    double bestRobust = -1;
    int bestEpoch = 0;
    for (int epoch = 1; epoch <= setup.epochsRun(); epoch++) {
      shuffle(order, setup.random());
      EnergySampler sampler = EnergySampler.start(meters, nvml, EnergySampler.PERIOD);
      TrainingFlops before = model.network().passes();
      double lossSum = 0;
      long started = System.nanoTime();
      for (int b = 0; b < setup.batchesPerEpoch(); b++) {
        int from = b * spec.batchSize();
        int[] indices = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + spec.batchSize()));
        try (NDManager batch = manager.newSubManager()) {
          NDList xy = train.batch(batch, indices, setup.augmentation(), setup.random());
          lossSum += method.step(model.network(), xy.get(0), xy.get(1));
          if (average != null) {
            average.update();
          }
        }
        progress.accept(1);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      List<EnergyReading> energy = sampler.stop();
      trainSeconds += seconds;
      TrainingFlops passes = model.network().passes().minus(before);

      if (average != null) {
        average.swap();
      }
      // A seed per epoch: APGD resets the engine's generator, which must not replay one noise stream every epoch.
      Evaluation.Accuracy monitored =
          spec.monitor().measure(model.evaluator(), setup.heldOut(), setup.ball(), EVAL_BATCH, spec.seed() * 1_000 + epoch);
      if (monitored.robust() > bestRobust) {
        bestRobust = monitored.robust();
        bestEpoch = epoch;
        save(model.block(), dir.checkpoint(KeptCheckpoint.BEST));
      }
      save(model.block(), dir.checkpoint(KeptCheckpoint.LAST));
      if (spec.keepEveryEpoch()) {
        save(model.block(), dir.checkpoint(KeptCheckpoint.ofEpoch(epoch)));
      }
      if (average != null) {
        average.swap();
      }

      Map<String, String> epochMissing = new LinkedHashMap<>();
      epochMissing.put("co2_kg", "not computed at training time: the analysis joins energy with the grid-intensity catalog");
      epochMissing.put("usd", "not computed at training time: the analysis joins time and energy with the price catalog");
      long examples = (long) setup.trainCount() * method.replays();
      recorder.epoch(
          new EpochMetrics(
              spec.runId(),
              epoch,
              setup.schedule().at((long) epoch * setup.batchesPerEpoch() * method.replays() - 1),
              lossSum / setup.batchesPerEpoch(),
              monitored.cleanPct(),
              monitored.robustPct(),
              spec.monitor().id(),
              monitored.n(),
              seconds,
              examples / seconds,
              passes.total(model.forwardFlops()),
              passes.attack(model.forwardFlops()),
              energy,
              null,
              null,
              epochMissing));
    }
    if (average != null) {
      // The last checkpoint of an EMA run is the average, as it was evaluated.
      average.swap();
      average.close();
    }
    return new Trained(trainSeconds, bestEpoch);
  }

  /** The final evaluations of the kept checkpoints on the test set, the last checkpoint's recorded last. */
  private static Outcome evaluateCheckpoints(RunSpec spec, Setup setup, Model model, ImageDataset test, NDManager manager,
      RunRecorder recorder, Trained trained) throws IOException {
    RunDirectory dir = recorder.directory();
    EvaluationResult last = finalEvaluation(spec, model.evaluator(), test, setup.testCount(), setup.finalAttack(), KeptCheckpoint.LAST);
    // The best first, then the epochs: each evaluation draws its random starts from the engine's
    // stream, so this order leaves the best and last results as a run without epoch checkpoints has them.
    EvaluationResult best =
        evaluateKept(spec, model.block(), manager, dir, KeptCheckpoint.BEST, setup.half(), test, setup.testCount(), setup.finalAttack());
    recorder.evaluation(best);
    for (int epoch = 1; spec.keepEveryEpoch() && epoch < setup.epochsRun(); epoch++) {
      if (epoch != trained.bestEpoch()) { // the best checkpoint's evaluation covers its epoch
        recorder.evaluation(evaluateKept(spec, model.block(), manager, dir, KeptCheckpoint.ofEpoch(epoch), setup.half(), test,
            setup.testCount(), setup.finalAttack()));
      }
    }
    // The last checkpoint's record goes last: its presence marks a finished run.
    recorder.evaluation(last);
    return new Outcome(spec.runId(), setup.epochsRun(), trained.trainSeconds(), trained.bestEpoch(), last, best);
  }

  /**
   * @param runsRoot runs root
   * @param runId a run
   * @return whether the run finished (its last checkpoint's final evaluation exists)
   */
  public static boolean finished(Path runsRoot, String runId) {
    return Files.exists(new RunDirectory(runsRoot, runId).evaluation(KeptCheckpoint.LAST, FINAL_SUITE));
  }

  /** Loads a kept checkpoint into the block and gives it the final evaluation. */
  private static EvaluationResult evaluateKept(RunSpec spec, Block block, NDManager manager, RunDirectory dir, KeptCheckpoint kept,
      boolean half, ImageDataset test, int n, Pgd attack) throws IOException {
    load(block, manager, dir.checkpoint(kept));
    // A new Network over the loaded weights: DJL's ParameterStore caches each parameter's array
    // and loading replaces the arrays, so an earlier evaluator would still see the old weights.
    Network evaluator = new Network(block, manager, null, half ? new DynamicLossScale() : null);
    return finalEvaluation(spec, evaluator, test, n, attack, kept);
  }

  private static EvaluationResult finalEvaluation(
      RunSpec spec, Network evaluator, ImageDataset test, int n, Pgd attack, KeptCheckpoint checkpoint) {
    Evaluation.Accuracy accuracy = Evaluation.of(evaluator, test, n, attack, EVAL_BATCH);
    return new EvaluationResult(
        spec.runId(),
        checkpoint.kind(),
        FINAL_SUITE,
        "robustperf-pgd-20-step-eps/4-uniform-start",
        spec.threatModel(),
        accuracy.n(),
        accuracy.cleanPct(),
        accuracy.robustPct(),
        List.of(new AttackStage(FINAL_SUITE, accuracy.robustPct(), accuracy.seconds())),
        List.of(),
        List.of(),
        Instant.now(),
        checkpoint.epoch());
  }

  static void save(Block block, Path file) throws IOException {
    AtomicFile.write(file, out -> {
      DataOutputStream data = new DataOutputStream(out);
      block.saveParameters(data);
      data.flush();
    });
  }

  /**
   * Loads a checkpoint into a block of the same architecture. The block's parameter arrays are
   * replaced: run it through a new {@link Network}, not one that has already run it.
   *
   * @param block the block, initialized
   * @param manager owner of the loaded arrays
   * @param file a checkpoint written by a run
   * @throws IOException when the file cannot be read or is not a checkpoint of this architecture
   */
  public static void load(Block block, NDManager manager, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      block.loadParameters(manager, data);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException(file + ": not a checkpoint of this architecture: " + e.getMessage(), e);
    }
  }

  private static robustperf.records.Hardware hardware(int gpus) {
    robustperf.records.Hardware host = MachineInfo.cpuOnly();
    if (gpus == 0) {
      return host;
    }
    NvmlMeter nvml = NvmlMeter.open();
    List<String> names = nvml.deviceNames();
    String gpu = names.isEmpty() ? "CUDA GPU (name unreadable: " + nvml.unavailable() + ")" : names.get(0);
    return new robustperf.records.Hardware(gpu, gpus, host.cpuModel(), host.cpuCores(), host.memoryGib());
  }

  /**
   * Shuffles in place (Fisher-Yates), the order of a training epoch.
   *
   * @param order the indices
   * @param random the run's generator
   */
  public static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static Map<String, String> software() {
    Map<String, String> software = new LinkedHashMap<>();
    software.put("java", System.getProperty("java.version"));
    software.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    software.put("djl", Engine.getDjlVersion());
    return software;
  }
}
