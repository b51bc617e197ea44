package robustperf.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import robustperf.records.Norm;
import robustperf.train.attack.EpsBall;
import robustperf.train.flops.FlopCounter;
import robustperf.train.loop.Recipes;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

/**
 * Training throughput through RobustPerf's own loop (Network, the standard and pgd recipes) for
 * the bench's models, and this machine's float32 matrix-multiply rate measured in the same
 * process: the Java side of bench/training, run by bench/training/run.sh beside train_torch.py.
 * Arguments: [scale [matmul|MODEL...]]. Prints framework,model,method,batch,examples_per_second,seconds,examples,
 * train_flops_per_example,achieved_gflops; the matrix-multiply line has model "matmul-N".
 */
public final class TrainingBench {
  private TrainingBench() {}

  /** One bench line: a model, its input and how many batches make a measurement at scale 1. */
  record Case(String model, Shape image, double eps, int batch, int warmup, int batches) {}

  /** The bench's models, in the order train_torch.py runs them (the same list there). */
  static final List<Case> CASES =
      List.of(
          new Case("small-cnn", new Shape(1, 28, 28), 0.1, 128, 5, 40),
          new Case("preact-resnet-18", new Shape(3, 32, 32), 8 / 255.0, 32, 1, 4),
          new Case("wrn-16-4", new Shape(3, 32, 32), 8 / 255.0, 32, 1, 4),
          new Case("vit-tiny", new Shape(3, 32, 32), 8 / 255.0, 32, 1, 4));

  /**
   * @param args scale, then what to measure: "matmul" or model names of {@link #CASES} (all of
   *     them when none is given)
   */
  public static void main(String[] args) {
    double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    String framework = "robustperf-djl-" + Engine.getDjlVersion() + "-" + Engine.getInstance().getVersion();
    if (only.isEmpty() || only.contains("matmul")) {
      matmulPeak(framework, 1024);
    }
    for (Case c : CASES) {
      if (!only.isEmpty() && !only.contains(c.model())) {
        continue;
      }
      int batches = Math.max(1, (int) (c.batches() * scale));
      // Standard steps are ~1/6 of PGD-7's: six times the batches give both a comparable time.
      bench(framework, c, "standard", Map.of(), c.warmup(), 6 * batches);
      bench(framework, c, "pgd-7", Map.of("steps", "7"), c.warmup(), batches);
    }
  }

  /** The best of five rounds of ten n x n float32 products, as GFLOP/s (2 n^3 each). */
  private static void matmulPeak(String framework, int n) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.randomUniform(-1f, 1f, new Shape(n, n));
      NDArray b = manager.randomUniform(-1f, 1f, new Shape(n, n));
      a.matMul(b).close();
      double best = Double.POSITIVE_INFINITY;
      for (int round = 0; round < 5; round++) {
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
          // PyTorch's CPU operators are eager: the product is done when matMul returns.
          a.matMul(b).close();
        }
        best = Math.min(best, (System.nanoTime() - start) / 1e9);
      }
      double flops = 10 * 2.0 * n * n * n;
      System.out.printf(Locale.ROOT, "%s,matmul-%d,-,%d,,%.3f,%d,%.0f,%.2f%n", framework, n, n, best, 10, 2.0 * n * n * n, flops / best / 1e9);
    }
  }

  private static void bench(String framework, Case c, String label, Map<String, String> parameters, int warmup, int batches) {
    Engine.getInstance().setRandomSeed(0);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(c.model(), 10, c.image());
      Architectures.initialize(block, manager, c.image());
      double forward = FlopCounter.count(block).forwardFlops();
      Network network =
          new Network(
              block,
              manager,
              Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).optWeightDecays(5e-4f).build());
      String method = label.startsWith("pgd") ? "pgd" : label;
      TrainingMethod training = Recipes.method(method, parameters, new EpsBall(Norm.Linf, c.eps()));
      NDArray x = manager.randomUniform(0f, 1f, new Shape(c.batch()).addAll(c.image()));
      NDArray y = manager.randomInteger(0, 10, new Shape(c.batch()), DataType.INT32);
      for (int i = 0; i < warmup; i++) {
        step(training, network, manager, x, y);
      }
      long start = System.nanoTime();
      for (int i = 0; i < batches; i++) {
        step(training, network, manager, x, y);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int n = c.batch() * batches;
      // TrainingFlops' convention: standard 3F per example, PGD-K (2K + 3)F.
      double perExample = label.startsWith("pgd") ? (2 * 7 + 3) * forward : 3 * forward;
      System.out.printf(
          Locale.ROOT, "%s,%s,%s,%d,%.3f,%.3f,%d,%.0f,%.2f%n", framework, c.model(), label, c.batch(), n / seconds, seconds, n,
          perExample, perExample * n / seconds / 1e9);
    }
  }

  private static void step(TrainingMethod method, Network network, NDManager manager, NDArray x, NDArray y) {
    try (NDManager batch = manager.newSubManager()) {
      NDArray xb = x.duplicate();
      xb.attach(batch);
      NDArray yb = y.duplicate();
      yb.attach(batch);
      method.step(network, xb, yb);
    }
  }
}
