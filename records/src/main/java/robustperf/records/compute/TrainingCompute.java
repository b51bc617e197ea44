package robustperf.records.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one convention that turns a recipe into training FLOPs, as a range.
 *
 * <p>Training FLOPs = F x passes x examples seen, where
 *
 * <ul>
 *   <li>F is the forward FLOPs of one image (2 x MACs of convolutions, linear layers and attention,
 *       counted by our FLOP counter on our definition of the architecture at the training input size;
 *       normalization and activations left out, as the reference table does), times the networks
 *       trained (an ensemble of three counts three);
 *   <li>passes per example, in units of F: a forward pass costs 1, a backward pass for the input
 *       gradient only (weights frozen, as attacks run) 1, a backward pass that also computes weight
 *       gradients 2. Standard training 3; PGD-K and single-step methods (K = 1) 2K + 3, or 3K + 3 where
 *       the attack's backward passes also compute weight gradients (the high end); TRADES-K 2K + 7 (a
 *       clean forward pass for the attack's KL target, the attack, clean and adversarial forward and
 *       backward passes in the loss), 2K + 6 where the target's forward pass is shared (low end),
 *       3K + 7 with weight gradients in the attack (high end); MART-K 2K + 6 (its attack is PGD on the
 *       cross-entropy, which needs no clean target; 3K + 6 at the high end); AWP adds one forward and backward pass of
 *       the outer loss with weight gradients (3 per forward pass in it: 3 for PGD, 6 for TRADES and
 *       MART); Free-m, 3 per step, its steps counting every replay;
 *   <li>examples seen: steps x batch size where the recipe counts steps; else epochs x examples per
 *       epoch, where an epoch is what the source says it is, else one pass over the real data (with a
 *       real fraction below 1, each batch also carrying extra data: real examples / real fraction).
 * </ul>
 *
 * Pre-training (its own examples, epochs and attack steps, F at its resolution) and the generator
 * behind generated data are separate columns, never added to the training figure. Every rule the
 * estimate had to apply because a figure was missing is listed, and counts as a low-confidence
 * figure.
 */
public final class TrainingCompute {
  /** The convention in one line, for tables. */
  public static final String CONVENTION = "F x passes x examples; F = 2 x MACs (conv, linear, attention) of our definition at the"
      + " training input size x networks; passes: standard 3, PGD-K/FGSM 2K+3 (3K+3 with weight gradients in the attack),"
      + " TRADES-K 2K+7 (2K+6 shared target, 3K+7), MART-K 2K+6 (3K+6), AWP +3 per outer forward, Free 3 per replay step;"
      + " examples: steps x batch, else epochs x examples per epoch";

  /** What an estimate rests on: the weakest figure it read, its low figures and the rules that filled gaps. */
  private static final class Basis {
    private Confidence weakest = Confidence.high;
    private final List<String> lowFigures = new ArrayList<>();
    private final List<String> rules = new ArrayList<>();

    Optional<SourcedFigure> use(TrainingRecipe recipe, RecipeFigure figure) {
      Optional<SourcedFigure> f = recipe.figure(figure);
      f.ifPresent(v -> {
        if (v.confidence().ordinal() > weakest.ordinal()) {
          weakest = v.confidence();
        }
        if (v.confidence() == Confidence.low && !lowFigures.contains(figure.column())) {
          lowFigures.add(figure.column());
        }
      });
      return f;
    }

    void rule(String rule) {
      rules.add(rule);
    }

    Confidence weakest() {
      return rules.isEmpty() ? weakest : Confidence.low;
    }
  }

  private static final Pattern RESOLUTION = Pattern.compile("(\\d{2,3})\\s*(?:px|x\\d{2,3})");

  private TrainingCompute() {}

  /**
   * The architecture costs {@link #of} looks up for a recipe: the network at its training input
   * size, and at its pre-training resolution where it has one. robustperf count-flops counts these.
   *
   * @param recipe a recipe
   * @return (architecture id, input size, classes) triples, empty for a composite
   */
  public static List<ArchitectureCost.Key> architecturesNeeded(TrainingRecipe recipe) {
    if (recipe.architectureId() == null) {
      return List.of();
    }
    String dataset = dataset(recipe);
    List<ArchitectureCost.Key> keys = new ArrayList<>();
    keys.add(new ArchitectureCost.Key(recipe.architectureId(), inputSize(recipe, dataset), classes(dataset)));
    recipe.figure(RecipeFigure.PRETRAINING).map(SourcedFigure::value).map(text -> pretrainingResolution(text))
        .filter(size -> size != null)
        .ifPresent(size -> keys.add(new ArchitectureCost.Key(recipe.pretrainedArchitectureId(), size,
            pretrainingClasses(recipe.figure(RecipeFigure.PRETRAINING).get().value(), classes(dataset)))));
    return keys;
  }

  /**
   * Every recipe's training compute, an entry built from others ({@link TrainingRecipe#baseEntries()})
   * adding their training to its own stage. An own stage this convention cannot count (a post-hoc
   * layer on a released model) is left out as a rule, so the sum rests on low figures; a base that
   * cannot be counted makes the sum null with its reason.
   *
   * @param recipes every recipe
   * @param costs the architecture catalog
   * @return estimate by entry key, in key order
   */
  public static java.util.SortedMap<String, ComputeEstimate> all(List<TrainingRecipe> recipes, ArchitectureCosts costs) {
    java.util.Map<String, TrainingRecipe> byKey = new java.util.HashMap<>();
    recipes.forEach(r -> byKey.put(r.key(), r));
    java.util.SortedMap<String, ComputeEstimate> out = new java.util.TreeMap<>();
    for (TrainingRecipe r : recipes) {
      out.put(r.key(), resolve(r, byKey, costs, out, new java.util.HashSet<>()));
    }
    return out;
  }

  private static ComputeEstimate resolve(TrainingRecipe recipe, java.util.Map<String, TrainingRecipe> byKey, ArchitectureCosts costs,
      java.util.Map<String, ComputeEstimate> done, java.util.Set<String> visiting) {
    ComputeEstimate known = done.get(recipe.key());
    if (known != null) {
      return known;
    }
    ComputeEstimate own = of(recipe, costs);
    if (recipe.baseEntries().isEmpty()) {
      return own;
    }
    if (!visiting.add(recipe.key())) {
      throw new IllegalArgumentException(recipe.key() + ": its base entries lead back to it");
    }
    double[] sum = {0, 0, 0};
    List<String> lowFigures = new ArrayList<>(own.trainingFlopsCentral() == null ? List.of() : own.lowFigures());
    List<String> rules = new ArrayList<>(own.trainingFlopsCentral() == null ? List.of() : own.rules());
    Confidence weakest = own.trainingFlopsCentral() == null ? Confidence.high : own.weakest();
    String reason = null;
    if (own.trainingFlopsCentral() != null) {
      sum[0] += own.trainingFlopsLow();
      sum[1] += own.trainingFlopsCentral();
      sum[2] += own.trainingFlopsHigh();
    } else {
      rules.add("own stage not counted (" + own.reason() + ")");
    }
    for (String baseKey : recipe.baseEntries()) {
      TrainingRecipe baseRecipe = byKey.get(baseKey);
      ComputeEstimate base = baseRecipe == null ? null : resolve(baseRecipe, byKey, costs, done, visiting);
      if (base == null || base.trainingFlopsCentral() == null) {
        reason = "base entry " + baseKey + ": " + (base == null ? "no recipe row" : base.reason());
        break;
      }
      sum[0] += base.trainingFlopsLow();
      sum[1] += base.trainingFlopsCentral();
      sum[2] += base.trainingFlopsHigh();
      base.lowFigures().forEach(f -> lowFigures.add(baseKey + ": " + f));
      base.rules().forEach(r -> rules.add(baseKey + ": " + r));
      weakest = base.weakest().ordinal() > weakest.ordinal() ? base.weakest() : weakest;
    }
    visiting.remove(recipe.key());
    if (!rules.isEmpty()) {
      weakest = Confidence.low;
    }
    boolean counted = reason == null;
    return new ComputeEstimate(own.leaderboard(), own.modelId(), own.architectureId(), own.models(), own.inputSize(), own.forwardFlops(),
        own.examplesSeen(), "own stage plus the base entries' training", own.passesLow(), own.passesCentral(), own.passesHigh(),
        counted ? sum[0] : null, counted ? sum[1] : null, counted ? sum[2] : null, reason, own.pretrainingFlops(), own.pretrainingNote(),
        own.generatorNote(), weakest, lowFigures, rules, recipe.baseEntries());
  }

  /**
   * @param recipe the entry's recipe
   * @param costs the architecture catalog
   * @return its own training compute (without any base entries'), each part null with its reason where a figure is missing
   */
  public static ComputeEstimate of(TrainingRecipe recipe, ArchitectureCosts costs) {
    Basis basis = new Basis();
    String dataset = dataset(recipe);
    int classes = classes(dataset);
    if (whole(recipe, RecipeFigure.INPUT_SIZE, basis) == null) {
      basis.rule("input size: " + dataset + "'s standard " + standardInputSize(dataset) + " px");
    }
    int inputSize = inputSize(recipe, dataset);
    Double forward = null;
    String forwardReason = null;
    if (recipe.architectureId() == null) {
      forwardReason = "no architecture definition of ours for this network (a composite of other entries' models)";
    } else {
      basis.use(recipe, RecipeFigure.ARCHITECTURE);
      Optional<ArchitectureCost> cost = costs.find(recipe.architectureId(), inputSize, classes);
      if (cost.isPresent()) {
        forward = cost.get().forwardFlops() * recipe.models();
      } else {
        forwardReason = recipe.architectureId() + " at " + inputSize + " px with " + classes + " classes is not in architectures.csv"
            + " (robustperf count-flops counts what the recipes name)";
      }
    }

    String method = text(recipe, RecipeFigure.METHOD, basis);
    Integer k = whole(recipe, RecipeFigure.ATTACK_STEPS, basis);
    double[] passes = null;
    String passesReason = null;
    if (method == null) {
      passesReason = "no training method";
    } else {
      if (k == null && (method.startsWith("fgsm") || method.equals("n-fgsm"))) {
        k = 1;
        basis.rule("attack steps: 1 for a single-step method");
      }
      if (k == null && method.equals("standard")) {
        k = 0;
      }
      if (method.equals("other")) {
        passesReason = "method 'other': its passes per example are not modelled (see the recipe's notes)";
      } else if (k == null) {
        passesReason = "no attack steps for " + method;
      } else {
        passes = passes(method, k);
      }
    }

    Double examples = null;
    String examplesBasis = null;
    Integer steps = whole(recipe, RecipeFigure.STEPS, basis);
    Integer batch = steps == null ? null : whole(recipe, RecipeFigure.BATCH_SIZE, basis);
    if (steps != null && batch != null) {
      examples = (double) steps * batch;
      examplesBasis = "steps x batch size";
    } else if ("free".equals(method)) {
      examplesBasis = "free training needs steps and batch size (its epochs are ambiguous about replays)";
    } else {
      Double epochs = number(recipe, RecipeFigure.EPOCHS, basis);
      if (epochs == null) {
        examplesBasis = steps != null ? "steps without a batch size" : "no epochs or steps";
      } else {
        Integer perEpoch = whole(recipe, RecipeFigure.EXAMPLES_PER_EPOCH, basis);
        if (perEpoch != null) {
          examples = epochs * perEpoch;
          examplesBasis = "epochs x examples per epoch as the source defines it";
        } else {
          Integer real = whole(recipe, RecipeFigure.REAL_EXAMPLES, basis);
          if (real == null) {
            real = standardTrainingSet(dataset);
            basis.rule("real examples: " + dataset + "'s training set, " + real);
          }
          Double fraction = number(recipe, RecipeFigure.REAL_FRACTION, basis);
          if (fraction != null && fraction < 1) {
            examples = epochs * real / fraction;
            examplesBasis = "epochs x real examples / real fraction";
            basis.rule("an epoch is one pass over the real data, each batch also carrying extra data");
          } else {
            examples = epochs * real;
            examplesBasis = "epochs x real examples";
          }
        }
      }
    }

    Double low = null;
    Double central = null;
    Double high = null;
    String reason = forwardReason != null ? forwardReason : passesReason != null ? passesReason : examples == null ? examplesBasis : null;
    if (reason == null) {
      low = forward * passes[0] * examples;
      central = forward * passes[1] * examples;
      high = forward * passes[2] * examples;
    }
    Pretraining pre = pretraining(recipe, costs, classes, basis);
    return new ComputeEstimate(recipe.leaderboard(), recipe.modelId(), recipe.architectureId(), recipe.models(), inputSize,
        forward, examples, examplesBasis, passes == null ? null : passes[0], passes == null ? null : passes[1],
        passes == null ? null : passes[2], low, central, high, reason, pre.flops(), pre.note(), generatorNote(recipe),
        basis.weakest(), List.copyOf(basis.lowFigures), List.copyOf(basis.rules), List.of());
  }

  /**
   * @param method a method id: standard, pgd, fgsm, fgsm-rs, n-fgsm, trades, mart, free, each
   *     optionally with "+awp"
   * @param k attack steps (1 for single-step methods)
   * @return {low, central, high} passes per example in units of F
   */
  public static double[] passes(String method, int k) {
    String base = method.replace("+awp", "");
    double[] passes = switch (base) {
      case "standard" -> new double[] {3, 3, 3};
      case "pgd", "fgsm", "fgsm-rs", "n-fgsm" -> new double[] {2 * k + 3, 2 * k + 3, 3 * k + 3};
      case "trades" -> new double[] {2 * k + 6, 2 * k + 7, 3 * k + 7};
      case "mart" -> new double[] {2 * k + 6, 2 * k + 6, 3 * k + 6};
      case "free" -> new double[] {3, 3, 3};
      default -> throw new IllegalArgumentException("no passes rule for method " + method);
    };
    if (method.endsWith("+awp")) {
      double outerForwards = base.equals("pgd") ? 1 : 2;
      for (int i = 0; i < 3; i++) {
        passes[i] += 3 * outerForwards;
      }
    }
    return passes;
  }

  private record Pretraining(Double flops, String note) {}

  private static Pretraining pretraining(TrainingRecipe recipe, ArchitectureCosts costs, int classes, Basis basis) {
    Optional<SourcedFigure> what = recipe.figure(RecipeFigure.PRETRAINING);
    if (what.isEmpty()) {
      return new Pretraining(null, "pre-training not recorded");
    }
    String text = what.get().value();
    if (text.toLowerCase(Locale.ROOT).startsWith("none")) {
      return new Pretraining(0.0, "none");
    }
    Integer examples = recipe.figure(RecipeFigure.PRETRAINING_EXAMPLES).map(f -> Integer.valueOf(f.value())).orElse(null);
    Double epochs = recipe.figure(RecipeFigure.PRETRAINING_EPOCHS).map(SourcedFigure::number).orElse(null);
    if (examples == null || epochs == null || recipe.architectureId() == null) {
      return new Pretraining(null, text + ": its examples, epochs or architecture are not recorded, so its FLOPs are not counted");
    }
    Integer size = pretrainingResolution(text);
    if (size == null) {
      return new Pretraining(null, text + ": resolution not recorded");
    }
    if (!RESOLUTION.matcher(text).find()) {
      basis.rule("pre-training resolution: ImageNet's standard 224 px");
    }
    int preClasses = pretrainingClasses(text, classes);
    Optional<ArchitectureCost> cost = costs.find(recipe.pretrainedArchitectureId(), size, preClasses);
    if (cost.isEmpty()) {
      return new Pretraining(null, text + ": " + recipe.pretrainedArchitectureId() + " at " + size + " px not in architectures.csv");
    }
    int k = recipe.figure(RecipeFigure.PRETRAINING_ATTACK_STEPS).map(f -> Integer.valueOf(f.value())).orElse(0);
    basis.use(recipe, RecipeFigure.PRETRAINING_EXAMPLES);
    basis.use(recipe, RecipeFigure.PRETRAINING_EPOCHS);
    double passes = k == 0 ? 3 : 2 * k + 3;
    return new Pretraining(cost.get().forwardFlops() * recipe.models() * passes * examples * epochs,
        String.format(Locale.ROOT, "%s: %d examples x %s epochs x %.0f passes at %d px", text, examples, trim(epochs), passes, size));
  }

  private static String generatorNote(TrainingRecipe recipe) {
    Optional<SourcedFigure> extra = recipe.figure(RecipeFigure.EXTRA_DATA);
    Optional<SourcedFigure> cost = recipe.figure(RecipeFigure.EXTRA_DATA_COST);
    if (cost.isPresent()) {
      return "published: " + cost.get().value();
    }
    if (extra.isEmpty() || extra.get().value().toLowerCase(Locale.ROOT).startsWith("none")) {
      return null;
    }
    return "cost of producing '" + extra.get().value() + "' not published in the sources read; not counted";
  }

  private static String text(TrainingRecipe recipe, RecipeFigure figure, Basis basis) {
    return basis.use(recipe, figure).map(SourcedFigure::value).orElse(null);
  }

  private static Integer whole(TrainingRecipe recipe, RecipeFigure figure, Basis basis) {
    String v = text(recipe, figure, basis);
    return v == null ? null : Integer.valueOf(v);
  }

  private static Double number(TrainingRecipe recipe, RecipeFigure figure, Basis basis) {
    String v = text(recipe, figure, basis);
    return v == null ? null : Double.valueOf(v);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String dataset(TrainingRecipe recipe) {
    return recipe.leaderboard().substring(0, recipe.leaderboard().indexOf('/'));
  }

  private static int inputSize(TrainingRecipe recipe, String dataset) {
    return recipe.figure(RecipeFigure.INPUT_SIZE).map(f -> Integer.valueOf(f.value())).orElse(standardInputSize(dataset));
  }

  /** The resolution a pre-training text states ("224px", "32x32"), ImageNet's standard 224 where it names ImageNet alone, else null. */
  private static Integer pretrainingResolution(String text) {
    if (text.toLowerCase(Locale.ROOT).startsWith("none")) {
      return null;
    }
    Matcher m = RESOLUTION.matcher(text);
    if (m.find()) {
      return Integer.parseInt(m.group(1));
    }
    return text.toLowerCase(Locale.ROOT).contains("imagenet") ? 224 : null;
  }

  private static int pretrainingClasses(String text, int classes) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("imagenet-21k") || lower.contains("imagenet-22k") ? 21_843 : lower.contains("imagenet") ? 1000 : classes;
  }

  /** @return output classes of a leaderboard data set */
  public static int classes(String dataset) {
    return switch (dataset) {
      case "cifar10" -> 10;
      case "cifar100" -> 100;
      case "imagenet" -> 1000;
      default -> throw new IllegalArgumentException("no class count for data set " + dataset);
    };
  }

  private static int standardInputSize(String dataset) {
    return dataset.equals("imagenet") ? 224 : 32;
  }

  private static int standardTrainingSet(String dataset) {
    return dataset.equals("imagenet") ? 1_281_167 : 50_000;
  }
}
