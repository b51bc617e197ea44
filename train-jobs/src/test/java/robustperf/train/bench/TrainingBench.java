package robustperf.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Locale;
import java.util.Map;
import robustperf.records.Norm;
import robustperf.train.attack.EpsBall;
import robustperf.train.loop.Recipes;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

/**
 * PGD-7 adversarial training throughput through RobustPerf's own loop (Network, Pgd, the pgd
 * recipe): the Java side of bench/training, run by bench/training/run.sh beside pgd_torch.py.
 * Arguments: [scale]. Prints framework,model,batch,examples_per_second,seconds,examples.
 */
public final class TrainingBench {
  private TrainingBench() {}

  public static void main(String[] args) {
    double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    bench("small-cnn", new Shape(1, 28, 28), 0.1, 128, 5, Math.max(1, (int) (40 * scale)));
    bench("preact-resnet-18", new Shape(3, 32, 32), 8 / 255.0, 32, 1, Math.max(1, (int) (4 * scale)));
  }

  private static void bench(String name, Shape image, double eps, int batch, int warmup, int batches) {
    Engine.getInstance().setRandomSeed(0);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(name, 10, image);
      Architectures.initialize(block, manager, image);
      Network network =
          new Network(
              block,
              manager,
              Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).optWeightDecays(5e-4f).build());
      TrainingMethod pgd7 = Recipes.method("pgd", Map.of("steps", "7"), new EpsBall(Norm.Linf, eps));
      NDArray x = manager.randomUniform(0f, 1f, new Shape(batch).addAll(image));
      NDArray y = manager.randomInteger(0, 10, new Shape(batch), DataType.INT32);
      for (int i = 0; i < warmup; i++) {
        step(pgd7, network, manager, x, y);
      }
      long start = System.nanoTime();
      for (int i = 0; i < batches; i++) {
        step(pgd7, network, manager, x, y);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int n = batch * batches;
      System.out.printf(
          Locale.ROOT, "robustperf-djl-%s-%s,%s,%d,%.3f,%.3f,%d%n", Engine.getDjlVersion(), Engine.getInstance().getVersion(),
          name, batch, n / seconds, seconds, n);
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
