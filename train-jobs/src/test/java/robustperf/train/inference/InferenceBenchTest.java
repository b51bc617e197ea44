package robustperf.train.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.Hardware;
import robustperf.records.InferenceBenchmark;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.RunManifest;
import robustperf.records.ThreatModel;
import robustperf.train.meter.CpuPowerEstimate;
import robustperf.train.meter.EnergySampler;
import robustperf.train.meter.NvmlMeter;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

class InferenceBenchTest {
  @TempDir static Path dir;
  private static Path checkpoint;
  private static final Shape IMAGE = new Shape(1, 28, 28);
  private static final RunManifest RUN = new RunManifest(
      "bench-run", Instant.parse("2026-11-25T00:00:00Z"), "fashion-mnist", ThreatModel.of(Norm.Linf, "0.1"), "small-cnn",
      "standard", Map.of(), 1, 1, 128, Precision.fp32, new Hardware(null, 0, "Test CPU", 2, 8), Map.of(), "abc", Map.of());

  @BeforeAll
  static void saveACheckpoint() throws IOException {
    Engine.getInstance().setRandomSeed(11);
    checkpoint = dir.resolve("checkpoint-best.params");
    try (NDManager manager = NDManager.newBaseManager();
        OutputStream out = Files.newOutputStream(checkpoint);
        DataOutputStream data = new DataOutputStream(out)) {
      Block block = Architectures.build("small-cnn", 10, IMAGE);
      Architectures.initialize(block, manager, IMAGE);
      block.saveParameters(data);
    }
  }

  @Test
  void fp16WeightsAreTheCheckpointsConverted() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomUniform(0f, 1f, new Shape(8).addAll(IMAGE));
      Block full = InferenceBench.load(RUN, checkpoint, IMAGE, DataType.FLOAT32, manager);
      Block half = InferenceBench.load(RUN, checkpoint, IMAGE, DataType.FLOAT16, manager);
      float[] a = new Network(full, manager, null).logits(x, false).toFloatArray();
      float[] b = new Network(half, manager, null, new robustperf.train.precision.DynamicLossScale())
          .logits(x, false).toFloatArray();
      float scale = 0;
      for (float v : a) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 0.01 * scale + 1e-3, "logit " + i);
      }
    }
  }

  @Test
  void measuresLatencyThroughputAndSaysWhatItCannot() throws IOException {
    EnergySampler.Sources meters =
        EnergySampler.Sources.system(8, CpuPowerEstimate.fromTdp("Test CPU", 100, 2, 2, "test value"));
    InferenceBench.Settings settings = new InferenceBench.Settings(5, 40, 256, 20);
    List<InferenceBenchmark> fp32 = InferenceBench.measure(RUN, checkpoint, Precision.fp32, settings, meters, NvmlMeter.open());
    InferenceBenchmark single = fp32.get(0);
    assertEquals(1, single.batchSize());
    assertTrue(single.latencyP50Ms() > 0 && single.latencyP50Ms() <= single.latencyP95Ms()
        && single.latencyP95Ms() <= single.latencyP99Ms(), single.toString());
    InferenceBenchmark many = fp32.get(1);
    assertEquals(256, many.batchSize());
    assertTrue(many.throughputImagesPerSecond() > 0);
    // RAPL where readable; otherwise the CPU is estimated from the given TDP: energy either way.
    assertTrue(many.energyPerImageJoules() > 0, many.missing().toString());
    assertTrue(many.energyProvenance() != null);
    InferenceBenchmark int8 = InferenceBench.measure(RUN, checkpoint, Precision.int8, settings, meters, NvmlMeter.open()).get(0);
    assertNull(int8.throughputImagesPerSecond());
    assertTrue(int8.missing().get("throughput_images_per_second").contains("no quantization"));
  }

  @Test
  void anEnsembleIsMeasuredAsOneModelUnderItsOwnId() throws IOException {
    EnergySampler.Sources meters =
        EnergySampler.Sources.system(8, CpuPowerEstimate.fromTdp("Test CPU", 100, 2, 2, "test value"));
    InferenceBench.Settings settings = new InferenceBench.Settings(3, 20, 64, 5);
    List<InferenceBenchmark> records = InferenceBench.measure(
        "ensemble-of-two", List.of(RUN, RUN), List.of(checkpoint, checkpoint), Precision.fp32, settings, meters, NvmlMeter.open());
    assertEquals(List.of("ensemble-of-two", "ensemble-of-two"), records.stream().map(InferenceBenchmark::runId).toList());
    assertTrue(records.get(0).latencyP50Ms() > 0);
    assertEquals(64, records.get(1).batchSize());
    assertTrue(records.get(1).throughputImagesPerSecond() > 0);
  }

  @Test
  void percentilesAreNearestRank() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i;
    }
    assertEquals(50, InferenceBench.percentile(v, 50));
    assertEquals(95, InferenceBench.percentile(v, 95));
    assertEquals(99, InferenceBench.percentile(v, 99));
    assertEquals(1, InferenceBench.percentile(v, 0));
  }
}
