package robustperf.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import robustperf.records.AttackStage;
import robustperf.train.attack.Apgd;
import robustperf.train.attack.EpsBall;
import robustperf.train.attack.Square;
import robustperf.train.data.ImageDataset;
import robustperf.train.loss.Losses;
import robustperf.train.model.Network;

/**
 * Robust accuracy under AutoAttack's stages, in AutoAttack's order and manner: APGD-CE (100
 * iterations, 1 restart), then APGD-T (targeted DLR, the 9 classes ranked 2nd to 10th by the clean
 * logits, 100 iterations each), then Square (5000 queries, p_init 0.8; Linf). Each stage attacks
 * only the points still robust; robust accuracy is over all n points, after each stage. FAB-T,
 * the standard version's third stage, is not part of it, so those suites give an upper bound on
 * AutoAttack's robust accuracy and are recorded under their own names, never as AutoAttack. The
 * rand version (APGD-CE and APGD-DLR with EOT) has no FAB or Square and is complete.
 */
public final class ApgdEvaluation {
  /** Suite id of APGD-CE alone. */
  public static final String APGD_CE = "apgd-ce";
  /** Suite id of APGD-CE then APGD-T. */
  public static final String APGD_CE_T = "apgd-ce+apgd-t";
  /** Suite id of APGD-CE, APGD-T, then Square. */
  public static final String APGD_CE_T_SQUARE = "apgd-ce+apgd-t+square";
  /**
   * AutoAttack's rand version, for randomized defences: APGD-CE then APGD-DLR (untargeted), each
   * averaging 20 forward-backward passes per iteration (EOT), 1 restart.
   */
  public static final String AUTOATTACK_RAND = "autoattack-rand";
  /** EOT passes of the rand version. */
  public static final int RAND_EOT = 20;
  /** The suites. */
  public static final java.util.List<String> SUITES = java.util.List.of(APGD_CE, APGD_CE_T, APGD_CE_T_SQUARE, AUTOATTACK_RAND);

  private ApgdEvaluation() {}

  /**
   * @param n points evaluated
   * @param clean correctly classified clean
   * @param stages robust accuracy after each stage
   */
  public record Outcome(int n, int clean, List<AttackStage> stages) {}

  /**
   * @param network the classifier
   * @param data the images
   * @param n the first n images
   * @param ball the threat model
   * @param suite one of {@link #SUITES}
   * @param iterations APGD iterations per run (100 in AutoAttack)
   * @param squareQueries Square's queries per point (5000 in AutoAttack)
   * @param batchSize batch size
   * @param seed random seed of the random starts
   * @return clean count and the stages
   */
  public static Outcome of(
      Network network, ImageDataset data, int n, EpsBall ball, String suite, int iterations, int squareQueries,
      int batchSize, long seed) {
    if (!SUITES.contains(suite)) {
      throw new IllegalArgumentException("unknown suite '" + suite + "': expected one of " + SUITES);
    }
    if (suite.equals(APGD_CE_T_SQUARE) && ball.norm() != robustperf.records.Norm.Linf) {
      throw new IllegalArgumentException("the Square attack is implemented for Linf only");
    }
    Engine.getInstance().setRandomSeed((int) seed);
    int count = Math.min(n, data.size());
    boolean[] robust = new boolean[count];
    NDManager parent = network.manager();
    int clean = 0;
    for (int from = 0; from < count; from += batchSize) {
      int[] indices = range(from, Math.min(count, from + batchSize));
      try (NDManager batch = parent.newSubManager()) {
        NDList xy = data.batch(batch, indices, null, null);
        boolean[] right = flags(network.logits(xy.get(0), false).argMax(1).toType(DataType.INT32, false).eq(xy.get(1)));
        for (int i = 0; i < indices.length; i++) {
          robust[indices[i]] = right[i];
          clean += right[i] ? 1 : 0;
        }
      }
    }
    List<AttackStage> stages = new ArrayList<>();
    Apgd apgd = suite.equals(AUTOATTACK_RAND) ? Apgd.of(ball, iterations).withEot(RAND_EOT) : Apgd.of(ball, iterations);
    long start = System.nanoTime();
    attack(network, data, robust, batchSize, parent,
        (x, y) -> flags(apgd.run(network, x, y, l -> Losses.crossEntropyPerExample(l, y)).broken()));
    stages.add(new AttackStage(APGD_CE, 100.0 * count(robust) / count, (System.nanoTime() - start) / 1e9));
    if (suite.equals(AUTOATTACK_RAND)) {
      start = System.nanoTime();
      attack(network, data, robust, batchSize, parent,
          (x, y) -> flags(apgd.run(network, x, y, l -> Losses.dlrPerExample(l, y)).broken()));
      stages.add(new AttackStage("apgd-dlr", 100.0 * count(robust) / count, (System.nanoTime() - start) / 1e9));
    }
    if (suite.equals(APGD_CE_T) || suite.equals(APGD_CE_T_SQUARE)) {
      start = System.nanoTime();
      int classes = data.classes();
      for (int rank = 2; rank <= Math.min(10, classes); rank++) {
        int r = rank;
        attack(network, data, robust, batchSize, parent, (x, y) -> {
          // the class ranked r-th by the clean logits (descending)
          NDArray target = network.logits(x, false).argSort(1, false).get(":, " + (r - 1)).toType(DataType.INT32, false);
          return flags(apgd.run(network, x, y, l -> Losses.dlrTargetedPerExample(l, y, target)).broken());
        });
      }
      stages.add(new AttackStage("apgd-t", 100.0 * count(robust) / count, (System.nanoTime() - start) / 1e9));
    }
    if (suite.equals(APGD_CE_T_SQUARE)) {
      start = System.nanoTime();
      Square square = new Square(ball.eps(), squareQueries, 0.8, seed);
      attack(network, data, robust, batchSize, parent, (x, y) -> square.run(network, x, y).broken());
      stages.add(new AttackStage("square", 100.0 * count(robust) / count, (System.nanoTime() - start) / 1e9));
    }
    return new Outcome(count, clean, stages);
  }

  /** Runs an attack over the points still robust, in batches, and marks the ones it breaks. */
  private static void attack(
      Network network, ImageDataset data, boolean[] robust, int batchSize, NDManager parent,
      java.util.function.BiFunction<NDArray, NDArray, boolean[]> run) {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < robust.length; i++) {
      if (robust[i]) {
        open.add(i);
      }
    }
    for (int from = 0; from < open.size(); from += batchSize) {
      int[] indices = open.subList(from, Math.min(open.size(), from + batchSize)).stream().mapToInt(Integer::intValue).toArray();
      try (NDManager batch = parent.newSubManager()) {
        NDList xy = data.batch(batch, indices, null, null);
        boolean[] broken = run.apply(xy.get(0), xy.get(1));
        for (int i = 0; i < indices.length; i++) {
          if (broken[i]) {
            robust[indices[i]] = false;
          }
        }
      }
    }
  }

  private static int[] range(int from, int to) {
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }

  private static boolean[] flags(NDArray bool) {
    return bool.toBooleanArray();
  }

  private static int count(boolean[] flags) {
    int c = 0;
    for (boolean f : flags) {
      c += f ? 1 : 0;
    }
    return c;
  }
}
