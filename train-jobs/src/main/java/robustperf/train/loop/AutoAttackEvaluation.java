package robustperf.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import robustperf.records.AttackStage;
import robustperf.records.EvaluationResult;
import robustperf.train.attack.Apgd;
import robustperf.train.attack.EpsBall;
import robustperf.train.attack.Fab;
import robustperf.train.attack.Square;
import robustperf.train.data.ImageDataset;
import robustperf.train.loss.Losses;
import robustperf.train.model.Network;

/**
 * Robust accuracy under AutoAttack (Croce and Hein 2020) in its versions, in the reference's order
 * and manner: each stage attacks only the points still robust, robust accuracy is over all n
 * points after each stage, and every point gets a status (already misclassified, the stage that
 * first broke it, or robust). Our own code of the attacks: {@link Apgd}, {@link Fab}, {@link Square}.
 */
public final class AutoAttackEvaluation {

  /** An attack of the suites, by its id in records. */
  public enum Attack {
    APGD_CE("apgd-ce"),
    APGD_DLR("apgd-dlr"),
    APGD_T("apgd-t"),
    FAB("fab"),
    FAB_T("fab-t"),
    SQUARE("square");

    private final String id;

    Attack(String id) {
      this.id = id;
    }

    /** @return the id written to records */
    public String id() {
      return id;
    }
  }

  /**
   * @param attack the attack
   * @param restarts runs from fresh random starts, each on the points still robust
   */
  public record Stage(Attack attack, int restarts) {}

  /**
   * An attack suite.
   *
   * @param id its id in records and file names
   * @param stages the stages in order
   * @param eot forward-backward passes APGD averages per iteration (20 for randomized defences)
   */
  public record Suite(String id, List<Stage> stages, int eot) {
    public Suite {
      stages = List.copyOf(stages);
    }
  }

  /** AutoAttack's standard version: APGD-CE, APGD-T (9 targets), FAB-T (9 targets), Square (5000 queries). */
  public static final Suite STANDARD = new Suite("autoattack-standard",
      List.of(new Stage(Attack.APGD_CE, 1), new Stage(Attack.APGD_T, 1), new Stage(Attack.FAB_T, 1), new Stage(Attack.SQUARE, 1)), 1);
  /** The plus version: APGD-CE and APGD-DLR with 5 restarts, untargeted FAB with 5, Square, APGD-T, FAB-T. */
  public static final Suite PLUS = new Suite("autoattack-plus",
      List.of(new Stage(Attack.APGD_CE, 5), new Stage(Attack.APGD_DLR, 5), new Stage(Attack.FAB, 5),
          new Stage(Attack.SQUARE, 1), new Stage(Attack.APGD_T, 1), new Stage(Attack.FAB_T, 1)), 1);
  /** The rand version, for randomized defences: APGD-CE and APGD-DLR, 20 EOT passes per iteration. */
  public static final Suite RAND = new Suite("autoattack-rand",
      List.of(new Stage(Attack.APGD_CE, 1), new Stage(Attack.APGD_DLR, 1)), 20);
  /** APGD-CE alone: a quick bound, never reported as AutoAttack. */
  public static final Suite APGD_CE_ONLY = new Suite("apgd-ce", List.of(new Stage(Attack.APGD_CE, 1)), 1);

  /** The suites by the names {@code robustperf evaluate --version} takes. */
  public static final Map<String, Suite> VERSIONS = Map.of(
      "standard", STANDARD, "plus", PLUS, "rand", RAND, "apgd-ce", APGD_CE_ONLY);

  /** Target classes of APGD-T and FAB-T: ranks 2 to 10 of the clean logits. */
  public static final int TARGET_CLASSES = 9;

  private AutoAttackEvaluation() {}

  /**
   * @param iterations APGD and FAB iterations per run (100 in AutoAttack)
   * @param squareQueries Square's queries per point (5000 in AutoAttack)
   * @param batchSize batch size
   * @param seed seed of every random start; one seed gives one result
   */
  public record Settings(int iterations, int squareQueries, int batchSize, long seed) {
    public Settings {
      if (iterations < 1 || squareQueries < 1 || batchSize < 1) {
        throw new IllegalArgumentException("iterations, Square queries and batch size must be >= 1");
      }
    }

    /** @return AutoAttack's settings: 100 iterations, 5000 queries */
    public static Settings reference(int batchSize, long seed) {
      return new Settings(100, 5000, batchSize, seed);
    }
  }

  /**
   * @param n points evaluated
   * @param clean correctly classified clean
   * @param stages robust accuracy after each stage
   * @param status per point: {@link EvaluationResult#MISCLASSIFIED}, the id of the stage that first
   *     broke it, or {@link EvaluationResult#ROBUST}
   * @param warnings what {@link AutoAttackChecks} found before the stages ran, empty when nothing
   */
  public record Outcome(int n, int clean, List<AttackStage> stages, List<String> status, List<String> warnings) {}

  /**
   * @param network the classifier
   * @param data the images
   * @param n the first n images
   * @param ball the threat model
   * @param suite the suite
   * @param settings iterations, queries, batch size and seed
   * @return clean count, the stages and every point's status
   */
  public static Outcome of(Network network, ImageDataset data, int n, EpsBall ball, Suite suite, Settings settings) {
    return of(network, data, n, ball, suite, settings, AttackProgress.NONE);
  }

  /**
   * As {@link #of(Network, ImageDataset, int, EpsBall, Suite, Settings)}, reporting each stage and
   * batch as it goes.
   *
   * @param network the classifier
   * @param data the images
   * @param n the first n images
   * @param ball the threat model
   * @param suite the suite
   * @param settings iterations, queries, batch size and seed
   * @param progress told of every stage and batch
   * @return clean count, the stages and every point's status
   */
  public static Outcome of(
      Network network, ImageDataset data, int n, EpsBall ball, Suite suite, Settings settings, AttackProgress progress) {
    Engine.getInstance().setRandomSeed((int) settings.seed());
    List<String> warnings = AutoAttackChecks.of(network, data, n, suite.eot() > 1);
    int count = Math.min(n, data.size());
    String[] status = new String[count];
    NDManager parent = network.manager();
    progress.stageStarted("clean", count, 1);
    long cleanStart = System.nanoTime();
    boolean[] right = inBatches(data, IntStream.range(0, count).toArray(), settings, parent, progress,
        (x, y) -> network.logits(x, false).argMax(1).toType(DataType.INT32, false).eq(y).toBooleanArray());
    int clean = 0;
    for (int i = 0; i < count; i++) {
      status[i] = right[i] ? EvaluationResult.ROBUST : EvaluationResult.MISCLASSIFIED;
      clean += right[i] ? 1 : 0;
    }
    progress.stageFinished("clean", 100.0 * clean / Math.max(1, count), (System.nanoTime() - cleanStart) / 1e9);
    Apgd apgd = Apgd.of(ball, settings.iterations()).withEot(suite.eot());
    Fab fab = Fab.of(ball, settings.iterations());
    Square square = new Square(ball, settings.squareQueries(), 0.8, settings.seed());
    int targets = Math.min(TARGET_CLASSES, data.classes() - 1);
    List<AttackStage> stages = new ArrayList<>();
    for (Stage stage : suite.stages()) {
      long start = System.nanoTime();
      String id = stage.attack().id();
      boolean targeted = stage.attack() == Attack.APGD_T || stage.attack() == Attack.FAB_T;
      progress.stageStarted(id, (int) Arrays.stream(status).filter(EvaluationResult.ROBUST::equals).count(),
          stage.restarts() * (targeted ? targets : 1));
      for (int restart = 0; restart < stage.restarts(); restart++) {
        boolean randomStart = restart > 0;
        switch (stage.attack()) {
          case APGD_CE -> attack(network, data, status, id, settings, parent, progress,
              (x, y) -> apgd.run(network, x, y, l -> Losses.crossEntropyPerExample(l, y)).broken().toBooleanArray());
          case APGD_DLR -> attack(network, data, status, id, settings, parent, progress,
              (x, y) -> apgd.run(network, x, y, l -> Losses.dlrPerExample(l, y)).broken().toBooleanArray());
          case FAB -> attack(network, data, status, id, settings, parent, progress,
              (x, y) -> fab.runUntargeted(network, x, y, randomStart).broken());
          case SQUARE -> attack(network, data, status, id, settings, parent, progress, (x, y) -> square.run(network, x, y).broken());
          case APGD_T, FAB_T -> {
            for (int rank = 2; rank <= targets + 1; rank++) {
              int r = rank;
              attack(network, data, status, id, settings, parent, progress, (x, y) -> {
                // the class ranked r-th by the clean logits (descending)
                NDArray target = network.logits(x, false).argSort(1, false).get(":, " + (r - 1)).toType(DataType.INT32, false);
                return stage.attack() == Attack.APGD_T
                    ? apgd.run(network, x, y, l -> Losses.dlrTargetedPerExample(l, y, target)).broken().toBooleanArray()
                    : fab.runTargeted(network, x, y, target, randomStart).broken();
              });
            }
          }
          default -> throw new IllegalStateException("unhandled attack " + stage.attack());
        }
      }
      long robust = Arrays.stream(status).filter(EvaluationResult.ROBUST::equals).count();
      stages.add(new AttackStage(id, 100.0 * robust / count, (System.nanoTime() - start) / 1e9));
      progress.stageFinished(id, 100.0 * robust / count, (System.nanoTime() - start) / 1e9);
    }
    return new Outcome(count, clean, stages, List.of(status), warnings);
  }

  /** Runs an attack over the points still robust and marks the ones it breaks with its id. */
  private static void attack(
      Network network, ImageDataset data, String[] status, String id, Settings settings, NDManager parent, AttackProgress progress,
      BiFunction<NDArray, NDArray, boolean[]> run) {
    int[] open = IntStream.range(0, status.length).filter(i -> EvaluationResult.ROBUST.equals(status[i])).toArray();
    boolean[] broken = inBatches(data, open, settings, parent, progress, run);
    for (int i = 0; i < open.length; i++) {
      if (broken[i]) {
        status[open[i]] = id;
      }
    }
  }

  /** Applies a per-point test to the given points in batches, each batch in its own scope; one flag per point. */
  private static boolean[] inBatches(
      ImageDataset data, int[] indices, Settings settings, NDManager parent, AttackProgress progress,
      BiFunction<NDArray, NDArray, boolean[]> test) {
    boolean[] out = new boolean[indices.length];
    for (int from = 0; from < indices.length; from += settings.batchSize()) {
      int to = Math.min(indices.length, from + settings.batchSize());
      try (NDManager batch = parent.newSubManager()) {
        NDList xy = data.batch(batch, Arrays.copyOfRange(indices, from, to), null, null);
        System.arraycopy(test.apply(xy.get(0), xy.get(1)), 0, out, from, to - from);
      }
      progress.pointsDone(to - from);
    }
    return out;
  }
}
