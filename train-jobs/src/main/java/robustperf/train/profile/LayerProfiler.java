package robustperf.train.profile;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import robustperf.records.LayerProfile;
import robustperf.records.Precision;
import robustperf.train.attack.EpsBall;
import robustperf.train.data.CropFlip;
import robustperf.train.data.ImageDataset;
import robustperf.train.flops.FlopCount;
import robustperf.train.flops.FlopCounter;
import robustperf.train.flops.TrainingFlops;
import robustperf.train.loop.Recipes;
import robustperf.train.loop.RunSpec;
import robustperf.train.loop.TrainingRun;
import robustperf.train.method.ObjectiveStep;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

/**
 * Profiles a run's configuration by layer type: the same model, method, data and seed as the run,
 * a few warm-up steps, then {@code batches} training steps timed without and then with the PyTorch
 * profiler ("step"), then, for adversarial methods, the crafting of adversarial examples alone on
 * the same batches, likewise ("attack"). Each operator's self time goes to its {@link LayerCategory}; FLOPs per category
 * are the phase's counted passes times the category's share of a forward pass (the FLOP counter's
 * convention, backward included as for whole passes).
 */
public final class LayerProfiler {
  /** What the records' profiler column says. */
  static final String PROFILER =
      "PyTorch profiler (DJL JniUtils.startProfile/stopProfile), operator self time from the Chrome trace's nesting per thread;"
          + " FLOPs: the phase's counted passes x the category's share of forward FLOPs";

  /**
   * @param warmupBatches steps run before profiling (not recorded)
   * @param batches steps profiled
   */
  public record Options(int warmupBatches, int batches) {
    public Options {
      if (warmupBatches < 0 || batches < 1) {
        throw new IllegalArgumentException("warm-up batches >= 0 and profiled batches >= 1 required");
      }
    }
  }

  private LayerProfiler() {}

  /**
   * @param spec the run's specification (its run id names the records)
   * @param train the training split
   * @param options batch counts
   * @param scratch a directory for the profiler's trace files
   * @return one record per phase and category (categories with no time are left out)
   * @throws IOException when a trace cannot be read
   */
  public static List<LayerProfile> profile(RunSpec spec, ImageDataset train, Options options, Path scratch) throws IOException {
    if (spec.precision() != Precision.fp32) {
      throw new IllegalArgumentException("run " + spec.runId() + ": layer profiles are taken in fp32 (got " + spec.precision() + ")");
    }
    int needed = (options.warmupBatches() + options.batches()) * spec.batchSize();
    if (needed > train.size()) {
      throw new IllegalArgumentException("run " + spec.runId() + ": " + needed + " images needed, the training split has " + train.size());
    }
    boolean gpu = Engine.getInstance().getGpuCount() > 0;
    String device = gpu ? "gpu0" : "cpu";
    Engine.getInstance().setRandomSeed((int) spec.seed());
    Random random = new Random(spec.seed());
    EpsBall ball = new EpsBall(spec.threatModel().norm(), spec.threatModel().eps());
    TrainingMethod method = Recipes.method(spec.method(), spec.methodParameters(), ball);
    CropFlip augmentation = train.channels() == 3 ? CropFlip.cifar() : null;
    Files.createDirectories(scratch);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(spec.architecture(), train.classes(), train.imageShape());
      Architectures.initialize(block, manager, train.imageShape());
      FlopCount cost = FlopCounter.count(block);
      Optimizer optimizer = Optimizer.sgd()
          .setLearningRateTracker(Tracker.fixed((float) spec.learningRate()))
          .optMomentum((float) spec.momentum())
          .optWeightDecays((float) spec.weightDecay())
          .build();
      Network network = new Network(block, manager, optimizer);
      List<int[]> batches = new ArrayList<>();
      int[] order = java.util.stream.IntStream.range(0, train.size()).toArray();
      TrainingRun.shuffle(order, random);
      for (int b = 0; b < options.warmupBatches() + options.batches(); b++) {
        batches.add(java.util.Arrays.copyOfRange(order, b * spec.batchSize(), (b + 1) * spec.batchSize()));
      }
      for (int b = 0; b < options.warmupBatches(); b++) {
        step(network, method, train, batches.get(b), augmentation, random, manager);
      }
      List<int[]> profiled = batches.subList(options.warmupBatches(), batches.size());
      long seed = spec.seed() * 7919 + 1;
      List<LayerProfile> out = new ArrayList<>();
      Instant now = Instant.now();

      out.addAll(phase(spec, device, "step", profiled, seed, network, cost, scratch, gpu, now,
          (batch, r) -> step(network, method, train, batch, augmentation, r, manager)));
      if (method instanceof ObjectiveStep objectiveStep && !spec.method().equals("standard")) {
        out.addAll(phase(spec, device, "attack", profiled, seed, network, cost, scratch, gpu, now,
            (batch, r) -> craft(network, objectiveStep, train, batch, augmentation, r, manager)));
      }
      return out;
    }
  }

  /** One batch of a phase's work, drawing its randomness from the given generator. */
  @FunctionalInterface
  private interface BatchWork {
    void run(int[] batch, Random random);
  }

  /**
   * Times a phase's batches without the profiler, then the same batches (same random draws) under
   * it, and reduces the trace to records.
   */
  private static List<LayerProfile> phase(RunSpec spec, String device, String phase, List<int[]> batches, long seed,
      Network network, FlopCount cost, Path scratch, boolean gpu, Instant now, BatchWork work) throws IOException {
    long plain = System.nanoTime();
    Random plainRandom = new Random(seed);
    for (int[] batch : batches) {
      work.run(batch, plainRandom);
    }
    double unprofiled = (System.nanoTime() - plain) / 1e9;
    TrainingFlops before = network.passes();
    Random profiledRandom = new Random(seed);
    Path trace = scratch.resolve(spec.runId() + "-" + phase + ".json");
    long started = System.nanoTime();
    JniUtils.startProfile(gpu, false, false);
    try {
      for (int[] batch : batches) {
        work.run(batch, profiledRandom);
      }
    } finally {
      JniUtils.stopProfile(trace.toString());
    }
    double wall = (System.nanoTime() - started) / 1e9;
    double flops = network.passes().minus(before).total(cost.forwardFlops());
    return records(spec, device, phase, batches.size(), trace, wall, unprofiled, flops, cost, now);
  }

  private static void step(Network network, TrainingMethod method, ImageDataset train, int[] batch, CropFlip augmentation,
      Random random, NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      NDList xy = train.batch(scope, batch, augmentation, random);
      method.step(network, xy.get(0), xy.get(1));
    }
  }

  private static void craft(Network network, ObjectiveStep method, ImageDataset train, int[] batch, CropFlip augmentation,
      Random random, NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      NDList xy = train.batch(scope, batch, augmentation, random);
      method.objective().craft(network, xy.get(0), xy.get(1));
    }
  }

  private static List<LayerProfile> records(RunSpec spec, String device, String phase, int batches, Path trace, double wall,
      double unprofiledWall, double phaseFlops, FlopCount cost, Instant now) throws IOException {
    Map<String, Double> micros = TorchTrace.byCategory(TorchTrace.read(trace));
    double passes = cost.forwardFlops() == 0 ? 0 : phaseFlops / cost.forwardFlops();
    List<LayerProfile> out = new ArrayList<>();
    for (String category : LayerProfile.CATEGORIES) {
      Double us = micros.get(category);
      if (us == null) {
        continue;
      }
      Double perForward = switch (category) {
        case "convolution" -> 2.0 * cost.convolutionMacs();
        case "linear" -> 2.0 * cost.linearMacs();
        case "attention" -> 2.0 * cost.attentionMacs();
        case "normalization" -> (double) cost.normalizationFlops();
        case "activation" -> (double) cost.activationFlops();
        case "pooling" -> (double) cost.poolingFlops();
        default -> null;
      };
      out.add(new LayerProfile(spec.runId(), device, phase, category, batches, spec.batchSize(), us / 1e6, wall, unprofiledWall,
          perForward == null ? null : passes * perForward, PROFILER, now,
          perForward == null ? Map.of("flops", "the FLOP counter counts no " + category + " operators") : Map.of()));
    }
    return out;
  }
}
