package robustperf.train.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import robustperf.records.EnergyReading;
import robustperf.records.EnergyTotal;
import robustperf.records.InferenceBenchmark;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.train.data.Datasets;
import robustperf.train.loop.TrainingRun;
import robustperf.train.meter.EnergySampler;
import robustperf.train.meter.NvmlMeter;
import robustperf.train.model.Architectures;
import robustperf.train.model.LogitEnsemble;
import robustperf.train.model.Network;

/**
 * Inference speed and energy of a trained checkpoint: warm-up, then the latency of single images
 * (p50, p95, p99 over timed forward passes, each waited for), then the throughput of large
 * batches with the energy sampler running, giving joules per image. FP32 always; FP16 where the
 * engine has a GPU (or when asked for); INT8 is recorded as unsupported: DJL's PyTorch engine has
 * no quantization (PyTorch quantizes in Python, before a TorchScript export).
 */
public final class InferenceBench {
  /**
   * @param warmup untimed forward passes before each measurement
   * @param latencyPasses timed batch-1 passes
   * @param batchSize the throughput batch
   * @param throughputBatches timed throughput batches
   */
  public record Settings(int warmup, int latencyPasses, int batchSize, int throughputBatches) {
    public Settings {
      if (warmup < 0 || latencyPasses < 20 || batchSize < 1 || throughputBatches < 1) {
        throw new IllegalArgumentException("inference bench: warm-up >= 0, >= 20 latency passes, batch and batches >= 1");
      }
    }
  }

  private InferenceBench() {}

  /** @return the precisions measured by default on this engine: fp32, fp16 with a GPU, int8 (as unsupported) */
  public static List<Precision> defaultPrecisions() {
    return Engine.getInstance().getGpuCount() > 0
        ? List.of(Precision.fp32, Precision.fp16, Precision.int8)
        : List.of(Precision.fp32, Precision.int8);
  }

  /**
   * @param manifest the run whose model is measured
   * @param checkpoint its checkpoint file
   * @param precision the arithmetic
   * @param settings how long to measure
   * @param meters where the energy sampler reads
   * @param nvml the GPU meter
   * @return one record at batch 1 (latency) and one at the throughput batch (throughput, energy)
   * @throws IOException when the checkpoint cannot be read
   */
  public static List<InferenceBenchmark> measure(
      RunManifest manifest, Path checkpoint, Precision precision, Settings settings, EnergySampler.Sources meters,
      NvmlMeter nvml) throws IOException {
    return measure(manifest.runId(), List.of(manifest), List.of(checkpoint), precision, settings, meters, nvml);
  }

  /**
   * Measures one model, or the logit average of several ({@link LogitEnsemble}) as one model.
   *
   * @param recordId the id the records carry: the run's, or the ensemble's
   * @param members the runs whose checkpoints make the model (same dataset)
   * @param checkpoints their checkpoint files, in the same order
   * @param precision the arithmetic
   * @param settings how long to measure
   * @param meters where the energy sampler reads
   * @param nvml the GPU meter
   * @return one record at batch 1 (latency) and one at the throughput batch (throughput, energy)
   * @throws IOException when a checkpoint cannot be read
   */
  public static List<InferenceBenchmark> measure(
      String recordId, List<RunManifest> members, List<Path> checkpoints, Precision precision, Settings settings,
      EnergySampler.Sources meters, NvmlMeter nvml) throws IOException {
    requireOneCheckpointPerMember(members, checkpoints);
    String device = device();
    if (precision == Precision.int8) {
      Map<String, String> missing = new LinkedHashMap<>();
      String why = "int8: DJL's PyTorch engine exposes no quantization (PyTorch quantizes in Python before a TorchScript export)";
      for (String column : List.of("latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "throughput_images_per_second",
          "energy_per_image_joules")) {
        missing.put(column, why);
      }
      return List.of(new InferenceBenchmark(recordId, device, 1, precision, null, null, null, null, null, null,
          Instant.now(), missing));
    }
    Shape image = Datasets.imageShape(members.get(0).dataset());
    DataType type = precision == Precision.fp16 ? DataType.FLOAT16 : DataType.FLOAT32;
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = model(members, checkpoints, image, type, manager);
      Network network = new Network(block, manager, null, precision == Precision.fp16
          ? new robustperf.train.precision.DynamicLossScale() : null);
      Instant at = Instant.now();
      double[] latencies = latencies(network, manager, image, settings);
      InferenceBenchmark single = new InferenceBenchmark(
          recordId, device, 1, precision, percentile(latencies, 50), percentile(latencies, 95),
          percentile(latencies, 99), 1000.0 / percentile(latencies, 50), null, null, at,
          Map.of("energy_per_image_joules", "energy is measured over the throughput batches, not single images"));
      return List.of(single, throughput(recordId, network, manager, image, precision, settings, meters, nvml, device));
    }
  }

  /**
   * One run's model, or the logit average of several ({@link LogitEnsemble}) as one model.
   *
   * @param members the runs (same dataset)
   * @param checkpoints their checkpoint files, in the same order
   * @param image the input shape
   * @param type FLOAT32, or FLOAT16 for a half-precision copy
   * @param manager owns the parameters
   * @return the block
   * @throws IOException when a checkpoint cannot be read
   */
  public static Block model(List<RunManifest> members, List<Path> checkpoints, Shape image, DataType type, NDManager manager)
      throws IOException {
    requireOneCheckpointPerMember(members, checkpoints);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      blocks.add(load(members.get(i), checkpoints.get(i), image, type, manager));
    }
    return blocks.size() == 1 ? blocks.get(0) : LogitEnsemble.of(blocks);
  }

  private static void requireOneCheckpointPerMember(List<RunManifest> members, List<Path> checkpoints) {
    if (members.isEmpty() || members.size() != checkpoints.size()) {
      throw new IllegalArgumentException("one checkpoint per member needed: " + members.size() + " members, " + checkpoints.size() + " checkpoints");
    }
  }

  /**
   * Builds the run's architecture and loads a checkpoint into it, in FP32 or (weights converted
   * after loading) FP16.
   *
   * @param manifest the run
   * @param checkpoint the checkpoint file
   * @param image the input shape
   * @param type FLOAT32 or FLOAT16
   * @param manager owner of the weights
   * @return the loaded block
   * @throws IOException when the checkpoint cannot be read
   */
  public static Block load(RunManifest manifest, Path checkpoint, Shape image, DataType type, NDManager manager)
      throws IOException {
    int classes = Datasets.classes(manifest.dataset());
    Block loaded = Architectures.build(manifest.architecture(), classes, image);
    Architectures.initialize(loaded, manager, image);
    TrainingRun.load(loaded, manager, checkpoint);
    if (type == DataType.FLOAT32) {
      return loaded;
    }
    // DJL cannot cast an initialized block: a twin initialized in FP16 takes the converted weights.
    Block half = Architectures.build(manifest.architecture(), classes, image);
    Architectures.initialize(half, manager, image, type);
    List<Parameter> from = new ArrayList<>(loaded.getParameters().values());
    List<Parameter> to = new ArrayList<>(half.getParameters().values());
    for (int i = 0; i < from.size(); i++) {
      try (NDArray converted = from.get(i).getArray().toType(type, true)) {
        to.get(i).getArray().set(new NDIndex("..."), converted);
      }
    }
    return half;
  }

  private static double[] latencies(Network network, NDManager manager, Shape image, Settings settings) {
    NDArray x = manager.randomUniform(0f, 1f, new Shape(1).addAll(image));
    for (int i = 0; i < settings.warmup(); i++) {
      forward(network, x);
    }
    double[] ms = new double[settings.latencyPasses()];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      forward(network, x);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return ms;
  }

  private static InferenceBenchmark throughput(
      String recordId, Network network, NDManager manager, Shape image, Precision precision, Settings settings,
      EnergySampler.Sources meters, NvmlMeter nvml, String device) {
    NDArray x = manager.randomUniform(0f, 1f, new Shape(settings.batchSize()).addAll(image));
    for (int i = 0; i < Math.max(1, settings.warmup() / 10); i++) {
      forward(network, x);
    }
    Instant at = Instant.now();
    EnergySampler sampler = EnergySampler.start(meters, nvml, EnergySampler.PERIOD);
    long start = System.nanoTime();
    for (int i = 0; i < settings.throughputBatches(); i++) {
      forward(network, x);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<EnergyReading> energy = sampler.stop();
    long images = (long) settings.batchSize() * settings.throughputBatches();
    Map<String, String> missing = new LinkedHashMap<>();
    List<String> latency = List.of("latency_p50_ms", "latency_p95_ms", "latency_p99_ms");
    latency.forEach(c -> missing.put(c, "latency percentiles are of batch 1 (the batch-1 record)"));
    EnergyTotal total = EnergyTotal.of(energy);
    Double joules = total.kwh() == null ? null : total.kwh() * 3.6e6 / images;
    if (joules == null) {
      missing.put("energy_per_image_joules", "energy incomplete: " + total.missingReason());
    }
    return new InferenceBenchmark(
        recordId, device, settings.batchSize(), precision, null, null, null, images / seconds, joules, total.provenance(),
        at, missing);
  }

  /** One forward pass, waited for: reading a value forces the (possibly asynchronous) computation. */
  private static void forward(Network network, NDArray x) {
    try (NDManager scope = x.getManager().newSubManager()) {
      NDArray input = x.duplicate();
      input.attach(scope);
      network.logits(input, false).get(0, 0).getFloat();
    }
  }

  private static String device() {
    Device d = Engine.getInstance().defaultDevice();
    return d.isGpu() ? "gpu" + d.getDeviceId() : "cpu";
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
