package robustperf.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import robustperf.records.Norm;
import robustperf.train.attack.EpsBall;
import robustperf.train.loop.Recipes;
import robustperf.train.meter.CpuPowerEstimate;
import robustperf.train.meter.EnergySampler;
import robustperf.train.meter.NvmlMeter;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;
import robustperf.train.run.MachineInfo;

/**
 * What metering costs: the same training "epoch" (standard training of the small CNN on a fixed
 * batch) timed with the energy sampler off, at 1 Hz (what runs use) and at 100 Hz (to bound it),
 * interleaved in one run so that drift hits all three alike. Also the sampler's own time per
 * sample. Arguments: [rounds] [batches per epoch]. Prints CSV rows and a summary.
 */
public final class MeteringBench {
  private MeteringBench() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 150;
    Engine.getInstance().setRandomSeed(0);
    Shape image = new Shape(1, 28, 28);
    EnergySampler.Sources sources =
        EnergySampler.Sources.system(MachineInfo.cpuOnly().memoryGib(), CpuPowerEstimate.notGiven("bench"));
    NvmlMeter nvml = NvmlMeter.open();
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build("small-cnn", 10, image);
      Architectures.initialize(block, manager, image);
      Network network = new Network(block, manager,
          Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build());
      TrainingMethod standard = Recipes.method("standard", Map.of(), new EpsBall(Norm.Linf, 0.1));
      NDArray x = manager.randomUniform(0f, 1f, new Shape(128).addAll(image));
      NDArray y = manager.randomInteger(0, 10, new Shape(128), DataType.INT32);
      epoch(standard, network, manager, x, y, batches, null); // warm-up
      List<Double> off = new ArrayList<>();
      List<Double> oneHz = new ArrayList<>();
      List<Double> hundredHz = new ArrayList<>();
      double sampleSeconds = 0;
      long samples = 0;
      System.out.println("round,sampler,seconds");
      List<Double> ratioOneHz = new ArrayList<>();
      List<Double> ratioHundredHz = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        // The three variants rotate their order each round, so position effects cancel.
        double a = 0;
        double[] b = null;
        double[] c = null;
        for (int k = 0; k < 3; k++) {
          switch ((r + k) % 3) {
            case 0 -> a = epoch(standard, network, manager, x, y, batches, null);
            case 1 -> b = sampled(standard, network, manager, x, y, batches, Duration.ofSeconds(1), sources, nvml);
            default -> c = sampled(standard, network, manager, x, y, batches, Duration.ofMillis(10), sources, nvml);
          }
        }
        off.add(a);
        oneHz.add(b[0]);
        hundredHz.add(c[0]);
        ratioOneHz.add(b[0] / a);
        ratioHundredHz.add(c[0] / a);
        sampleSeconds += c[1];
        samples += (long) c[2];
        System.out.printf(Locale.ROOT, "%d,off,%.4f%n%d,1Hz,%.4f%n%d,100Hz,%.4f%n", r, a, r, b[0], r, c[0]);
      }
      System.out.printf(Locale.ROOT,
          "# median epoch: off %.4f s, 1 Hz %.4f s, 100 Hz %.4f s; median paired ratio: 1 Hz %+.2f%%, 100 Hz %+.2f%% (%d rounds)%n",
          median(off), median(oneHz), median(hundredHz), 100 * (median(ratioOneHz) - 1), 100 * (median(ratioHundredHz) - 1),
          rounds);
      System.out.printf(Locale.ROOT,
          "# sampler's own time: %.1f us per sample (%d samples), i.e. %.4f%% of one core at 1 Hz%n",
          1e6 * sampleSeconds / samples, samples, 100 * sampleSeconds / samples);
    }
  }

  private static double[] sampled(TrainingMethod method, Network network, NDManager manager, NDArray x, NDArray y,
      int batches, Duration period, EnergySampler.Sources sources, NvmlMeter nvml) {
    EnergySampler[] holder = new EnergySampler[1];
    double seconds = epoch(method, network, manager, x, y, batches, () -> holder[0] = EnergySampler.start(sources, nvml, period));
    holder[0].stop();
    return new double[] {seconds, holder[0].samplingSeconds(), holder[0].samples()};
  }

  private static double epoch(TrainingMethod method, Network network, NDManager manager, NDArray x, NDArray y,
      int batches, Runnable startSampler) {
    long start = System.nanoTime();
    if (startSampler != null) {
      startSampler.run();
    }
    for (int i = 0; i < batches; i++) {
      try (NDManager batch = manager.newSubManager()) {
        NDArray xb = x.duplicate();
        xb.attach(batch);
        NDArray yb = y.duplicate();
        yb.attach(batch);
        method.step(network, xb, yb);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
