package robustperf.train.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import robustperf.records.Norm;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.loop.AutoAttackEvaluation;
import robustperf.train.loop.Evaluation;
import robustperf.train.loop.Recipes;
import robustperf.train.loss.Losses;
import robustperf.train.method.TrainingMethod;
import robustperf.train.model.Architectures;
import robustperf.train.model.Network;

@Tag("slow")
class AutoAttackStagesTest {
  private static final EpsBall BALL = new EpsBall(Norm.Linf, 0.1);
  private static NDManager manager;
  private static Network network;
  private static NDArray x;
  private static NDArray y;

  /** A small CNN adversarially trained (PGD-2, 2 epochs on 6,000 Fashion-MNIST images): robust enough to tell attacks apart. */
  @BeforeAll
  static void trainARobustishModel() {
    Engine.getInstance().setRandomSeed(3);
    manager = NDManager.newBaseManager();
    Shape image = new Shape(1, 28, 28);
    Block block = Architectures.build("small-cnn", 10, image);
    Architectures.initialize(block, manager, image);
    Network trainer = new Network(block, manager,
        Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build());
    TrainingMethod pgd2 = Recipes.method("pgd", Map.of("steps", "2"), BALL);
    ImageDataset train = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, true).slice(0, 6000);
    java.util.Random random = new java.util.Random(3);
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int from = 0; from < 6000; from += 100) {
        int start = from;
        try (NDManager batch = manager.newSubManager()) {
          NDList xy = train.batch(batch, IntStream.range(start, start + 100).toArray(), null, random);
          pgd2.step(trainer, xy.get(0), xy.get(1));
        }
      }
    }
    network = new Network(block, manager, null);
    ImageDataset test = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, false);
    NDList xy = test.batch(manager, IntStream.range(0, 300).toArray(), null, random);
    x = xy.get(0);
    y = xy.get(1);
  }

  private static int count(NDArray flags) {
    return (int) flags.toType(DataType.FLOAT32, false).sum().getFloat();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void checkpointsAreThePapers() {
    assertEquals(List.of(0, 22, 41, 57, 70, 80, 87, 93, 99), Apgd.checkpoints(100));
  }

  @Test
  void dlrLossesEqualAHandComputation() {
    try (NDManager m = manager.newSubManager()) {
      NDArray logits = m.create(new float[] {3f, 1f, 2f, 0f, -1f}, new Shape(1, 5));
      NDArray label = m.create(new int[] {2});
      // sorted: 3, 2, 1, 0, -1; true 2, best other 3: -(2 - 3) / (3 - 1) = 0.5
      assertEquals(0.5f, Losses.dlrPerExample(logits, label).getFloat(0), 1e-6f);
      // target 3 (logit 0): -(2 - 0) / (3 - (1 + 0) / 2) = -0.8
      assertEquals(-0.8f, Losses.dlrTargetedPerExample(logits, label, m.create(new int[] {3})).getFloat(0), 1e-6f);
      // invariant to shift and scale of the logits
      assertEquals(0.5f, Losses.dlrPerExample(logits.mul(7f).add(11f), label).getFloat(0), 1e-5f);
    }
  }

  @Test
  void apgdStaysInTheBallAndIsAtLeastAsStrongAsPgd20() {
    try (NDManager m = manager.newSubManager()) {
      NDArray xs = x.duplicate();
      xs.attach(m);
      Apgd.Result apgd = Apgd.of(BALL, 100).run(network, xs, y, logits -> Losses.crossEntropyPerExample(logits, y));
      NDArray delta = apgd.adversarial().sub(xs);
      assertTrue(delta.abs().max().getFloat() <= 0.1f + 1e-6f, "Linf " + delta.abs().max().getFloat());
      assertTrue(apgd.adversarial().min().getFloat() >= 0f && apgd.adversarial().max().getFloat() <= 1f);

      NDArray clean = network.logits(xs, false).argMax(1).toType(DataType.INT32, false).eq(y.toType(DataType.INT32, false));
      // broken examples really are misclassified at the returned points
      NDArray wrongAtAdversarial = network.logits(apgd.adversarial(), false).argMax(1).toType(DataType.INT32, false)
          .neq(y.toType(DataType.INT32, false));
      assertEquals(count(apgd.broken()), count(apgd.broken().logicalAnd(wrongAtAdversarial)));

      NDArray pgd = new Pgd(BALL, 20, 0.025, Pgd.Start.UNIFORM).perturb(xs, network, l -> Losses.crossEntropy(l, y), false);
      NDArray pgdRobust = network.logits(pgd, false).argMax(1).toType(DataType.INT32, false).eq(y.toType(DataType.INT32, false))
          .logicalAnd(clean);
      NDArray apgdRobust = apgd.broken().logicalNot().logicalAnd(clean);
      int pgdCount = count(pgdRobust);
      int apgdCount = count(apgdRobust);
      int cleanCount = count(clean);
      assertTrue(apgdCount > 0 && apgdCount < cleanCount, "the model is neither undefended nor unbreakable: " + apgdCount + "/" + cleanCount);
      assertTrue(apgdCount <= pgdCount + 3, "APGD-CE robust " + apgdCount + " vs PGD-20 " + pgdCount + " of 300");
    }
  }

  /**
   * The done-when chain on a trained model: standard AutoAttack <= APGD-CE alone <= PGD-20 <= clean,
   * stages only ever lower robust accuracy, statuses add up, and a point misclassified clean is
   * never robust. Square gets 300 queries instead of 5000 to keep the test short.
   */
  @Test
  void standardAutoAttackIsBelowApgdCeBelowPgd20BelowClean() {
    ImageDataset test = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, false);
    AutoAttackEvaluation.Settings settings = new AutoAttackEvaluation.Settings(100, 300, 64, 1);
    AutoAttackEvaluation.Outcome standard = AutoAttackEvaluation.of(network, test, 120, BALL, AutoAttackEvaluation.STANDARD, settings);
    AutoAttackEvaluation.Outcome ceOnly = AutoAttackEvaluation.of(network, test, 120, BALL, AutoAttackEvaluation.APGD_CE_ONLY, settings);
    assertEquals(List.of("apgd-ce", "apgd-t", "fab-t", "square"), standard.stages().stream().map(s -> s.attack()).toList());
    double previous = 100.0 * standard.clean() / 120;
    for (robustperf.records.AttackStage stage : standard.stages()) {
      assertTrue(stage.robustAccuracyPct() <= previous, standard.toString());
      previous = stage.robustAccuracyPct();
    }
    double aa = standard.stages().get(3).robustAccuracyPct();
    double ce = ceOnly.stages().get(0).robustAccuracyPct();
    Evaluation.Accuracy pgd20 = Evaluation.of(network, test, 120, new Pgd(BALL, 20, 0.025, Pgd.Start.UNIFORM), 64);
    assertTrue(aa <= ce && ce <= pgd20.robustPct() && pgd20.robustPct() <= pgd20.cleanPct(),
        "AutoAttack " + aa + " APGD-CE " + ce + " PGD-20 " + pgd20.robustPct() + " clean " + pgd20.cleanPct());
    assertEquals(pgd20.cleanPct(), 100.0 * standard.clean() / 120, 1e-9);
    // statuses: the record's own consistency check, and misclassified points stay misclassified
    new robustperf.records.EvaluationResult("r", robustperf.records.Checkpoint.last, "autoattack-standard", "t",
        robustperf.records.ThreatModel.of(Norm.Linf, "0.1"), 120, 100.0 * standard.clean() / 120, aa, standard.stages(),
        standard.status(), standard.warnings(), java.time.Instant.EPOCH, null);
    for (int i = 0; i < 120; i++) {
      if (ceOnly.status().get(i).equals("misclassified")) {
        assertEquals("misclassified", standard.status().get(i), "point " + i);
      }
    }
  }

  /** One seed, one result: every status equal across two runs. */
  @Test
  void aSeedMakesTheEvaluationRepeatable() {
    ImageDataset test = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, false);
    AutoAttackEvaluation.Settings settings = new AutoAttackEvaluation.Settings(10, 100, 32, 7);
    AutoAttackEvaluation.Outcome a = AutoAttackEvaluation.of(network, test, 48, BALL, AutoAttackEvaluation.STANDARD, settings);
    AutoAttackEvaluation.Outcome b = AutoAttackEvaluation.of(network, test, 48, BALL, AutoAttackEvaluation.STANDARD, settings);
    assertEquals(a.status(), b.status());
  }

  @Test
  void apgdStaysInTheBallAndBoxInBothNormsWithEveryLoss() {
    for (EpsBall ball : new EpsBall[] {BALL, new EpsBall(Norm.L2, 1.5)}) {
      try (NDManager m = manager.newSubManager()) {
        NDArray xs = x.get("0:100").duplicate();
        xs.attach(m);
        NDArray ys = y.get("0:100");
        NDArray target = network.logits(xs, false).argSort(1, false).get(":, 1").toType(DataType.INT32, false);
        List<java.util.function.Function<NDArray, NDArray>> losses = List.of(
            l -> Losses.crossEntropyPerExample(l, ys), l -> Losses.dlrPerExample(l, ys), l -> Losses.dlrTargetedPerExample(l, ys, target));
        for (java.util.function.Function<NDArray, NDArray> loss : losses) {
          Apgd.Result r = Apgd.of(ball, 20).run(network, xs, ys, loss);
          NDArray delta = r.adversarial().sub(xs).reshape(100, -1);
          float[] norms = (ball.norm() == Norm.Linf ? delta.abs().max(new int[] {1}) : delta.square().sum(new int[] {1}).sqrt()).toFloatArray();
          for (float norm : norms) {
            assertTrue(norm <= ball.eps() + 1e-4, ball + ": " + norm);
          }
          assertTrue(r.adversarial().min().getFloat() >= 0f && r.adversarial().max().getFloat() <= 1f);
          boolean[] wrong = network.logits(r.adversarial(), false).argMax(1).toType(DataType.INT32, false)
              .neq(ys.toType(DataType.INT32, false)).toBooleanArray();
          boolean[] broken = r.broken().toBooleanArray();
          for (int i = 0; i < 100; i++) {
            assertTrue(!broken[i] || wrong[i], ball + ": point " + i + " reported broken but classified right");
          }
        }
      }
    }
  }

  @Test
  void fabTargetedAndUntargetedReturnClosePointsInTheBallAndBoxThatAreMisclassified() {
    for (EpsBall ball : new EpsBall[] {BALL, new EpsBall(Norm.L2, 1.5)}) {
      try (NDManager m = manager.newSubManager()) {
        NDArray xs = x.duplicate();
        xs.attach(m);
        boolean[] right = network.logits(xs, false).argMax(1).toType(DataType.INT32, false).eq(y.toType(DataType.INT32, false)).toBooleanArray();
        int[] kept = IntStream.range(0, right.length).filter(i -> right[i]).limit(100).toArray();
        NDArray xr = xs.get(m.create(kept));
        NDArray yr = y.get(m.create(kept));
        NDArray target = network.logits(xr, false).argSort(1, false).get(":, 1").toType(DataType.INT32, false);
        Fab fab = Fab.of(ball, 30);
        for (Fab.Result r : List.of(fab.runTargeted(network, xr, yr, target, false), fab.runUntargeted(network, xr, yr, false))) {
          NDArray delta = r.adversarial().sub(xr).reshape(kept.length, -1);
          float[] norms = (ball.norm() == Norm.Linf ? delta.abs().max(new int[] {1}) : delta.square().sum(new int[] {1}).sqrt()).toFloatArray();
          assertTrue(r.adversarial().min().getFloat() >= 0f && r.adversarial().max().getFloat() <= 1f);
          boolean[] wrong = network.logits(r.adversarial(), false).argMax(1).toType(DataType.INT32, false)
              .neq(yr.toType(DataType.INT32, false)).toBooleanArray();
          int broken = 0;
          int found = 0;
          for (int i = 0; i < kept.length; i++) {
            if (Float.isFinite(r.distance()[i])) {
              found++;
              assertTrue(wrong[i], ball + ": point " + i + " has a distance but is classified right");
              assertEquals(r.distance()[i], norms[i], 1e-5f, "the reported distance is the point's");
            } else {
              assertEquals(0f, norms[i], "no adversarial point found: x itself returned");
            }
            if (r.broken()[i]) {
              broken++;
              assertTrue(norms[i] <= ball.eps() + 1e-5, ball + ": broken point " + i + " at " + norms[i]);
            }
          }
          // FAB is a minimum-norm attack: it finds adversarial points for nearly every input, most beyond eps
          assertTrue(found >= kept.length * 9 / 10, ball + ": adversarial points found for " + found + " of " + kept.length);
          assertTrue(broken > 0 && broken < kept.length, ball + ": broken within eps " + broken + " of " + kept.length);
        }
      }
    }
  }

  @Test
  void squareL2StaysOnTheSphereInsideTheBoxAndBreaksPoints() {
    EpsBall l2 = new EpsBall(Norm.L2, 1.5);
    try (NDManager m = manager.newSubManager()) {
      NDArray xs = x.duplicate();
      xs.attach(m);
      Square.Result r = new Square(l2, 300, 0.8, 5).run(network, xs, y);
      float[] norms = r.adversarial().sub(xs).reshape(300, -1).square().sum(new int[] {1}).sqrt().toFloatArray();
      for (float norm : norms) {
        assertTrue(norm <= 1.5f + 1e-4f, "L2 " + norm);
      }
      assertTrue(r.adversarial().min().getFloat() >= 0f && r.adversarial().max().getFloat() <= 1f);
      boolean[] wrong = network.logits(r.adversarial(), false).argMax(1).toType(DataType.INT32, false)
          .neq(y.toType(DataType.INT32, false)).toBooleanArray();
      int broken = 0;
      for (int i = 0; i < 300; i++) {
        if (r.broken()[i]) {
          broken++;
          assertTrue(wrong[i], "point " + i + " reported broken but classified right");
        }
      }
      assertTrue(broken > 300 - 218, "Square L2 breaks more than the clean errors: " + broken);
    }
  }

  @Test
  void pseudoGaussianBlocksHaveUnitNormAndTwoHalvesOfOppositeSign() {
    double[][] block = Square.pseudoGaussian(5, new java.util.Random(1));
    double sum = 0;
    double total = 0;
    for (double[] row : block) {
      for (double v : row) {
        sum += v * v;
        total += v;
      }
    }
    assertEquals(1.0, sum, 1e-12);
    assertTrue(Math.abs(total) < 0.5, "the halves nearly cancel: " + total);
  }

  @Test
  void squareFollowsTheScheduleStaysInTheBallAndItsBrokenPointsAreMisclassified() {
    assertEquals(0.8, Square.fraction(0.8, 5, 5000), 1e-12);
    assertEquals(0.4, Square.fraction(0.8, 6, 5000), 1e-12);
    assertEquals(0.8 / 512, Square.fraction(0.8, 4999, 5000), 1e-12);
    try (NDManager m = manager.newSubManager()) {
      NDArray xs = x.duplicate();
      xs.attach(m);
      Square.Result r = new Square(BALL, 300, 0.8, 5).run(network, xs, y);
      NDArray delta = r.adversarial().sub(xs);
      assertTrue(delta.abs().max().getFloat() <= 0.1f + 1e-6f);
      assertTrue(r.adversarial().min().getFloat() >= 0f && r.adversarial().max().getFloat() <= 1f);
      boolean[] wrong = network.logits(r.adversarial(), false).argMax(1).toType(DataType.INT32, false)
          .neq(y.toType(DataType.INT32, false)).toBooleanArray();
      int broken = 0;
      for (int i = 0; i < wrong.length; i++) {
        if (r.broken()[i]) {
          broken++;
          assertTrue(wrong[i], "point " + i + " reported broken but classified right");
        }
        assertTrue(r.queriesUsed()[i] >= 1 && r.queriesUsed()[i] <= 300);
      }
      assertTrue(broken > 300 - 218, "Square breaks more than the clean errors: " + broken);
    }
  }

  /** The rand version on a deterministic model: EOT averages identical passes; 20 input gradients per iteration. */
  @Test
  void theRandVersionRunsBothStagesWithEot() {
    ImageDataset test = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, false);
    long before = network.passes().inputBackwardPasses();
    AutoAttackEvaluation.Outcome out = AutoAttackEvaluation.of(
        network, test, 40, BALL, AutoAttackEvaluation.RAND, new AutoAttackEvaluation.Settings(5, 1, 64, 1));
    assertEquals(List.of("apgd-ce", "apgd-dlr"), out.stages().stream().map(s -> s.attack()).toList());
    assertTrue(out.stages().get(1).robustAccuracyPct() <= out.stages().get(0).robustAccuracyPct());
    // (5 iterations + the start) x 20 input gradients per attacked point, at least
    long passes = network.passes().inputBackwardPasses() - before;
    assertTrue(passes >= 6L * 20 * (long) (out.stages().get(0).robustAccuracyPct() * 40 / 100), "input-gradient passes " + passes);
  }
}
