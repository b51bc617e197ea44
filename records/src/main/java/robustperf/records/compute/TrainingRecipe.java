package robustperf.records.compute;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one leaderboard entry's released checkpoint was trained: each figure with its source.
 *
 * @param leaderboard "dataset/threat", e.g. "cifar10/Linf"
 * @param modelId RobustBench's model id
 * @param architectureId our architecture catalog's id for the network (data/compute/architectures.csv),
 *     null where we have no definition of it (composites of other entries' models)
 * @param models networks trained and run (an ensemble of three counts 3)
 * @param pretrainingArchitectureId our id of the network as pre-trained, where it differs from the
 *     fine-tuned one (an ImageNet XCiT before its patches were adapted to 32x32 images), else null
 * @param baseEntries keys ("leaderboard/modelId") of the entries whose trained models this one is
 *     built from (a post-hoc layer on a released model, a composite of several): their training is
 *     part of its cost
 * @param figures the figures found, each sourced
 * @param notes what was searched and not found, disagreements between sources, base entries
 * @param line the line of recipes.csv it came from
 */
public record TrainingRecipe(
    String leaderboard, String modelId, String architectureId, int models, String pretrainingArchitectureId, List<String> baseEntries,
    Map<RecipeFigure, SourcedFigure> figures, String notes, int line) {

  public TrainingRecipe {
    baseEntries = List.copyOf(baseEntries);
    figures = Collections.unmodifiableMap(figures.isEmpty() ? new EnumMap<>(RecipeFigure.class) : new EnumMap<>(figures));
  }

  /** @return the id of the network as pre-trained: its own id, or the one given for pre-training */
  public String pretrainedArchitectureId() {
    return pretrainingArchitectureId != null ? pretrainingArchitectureId : architectureId;
  }

  /** @return "leaderboard/modelId" */
  public String key() {
    return leaderboard + "/" + modelId;
  }

  /**
   * Whether every figure the training FLOPs rest on is high or medium confidence: the architecture,
   * the method, its attack steps (none needed for standard training), and the epochs, or the steps
   * with the batch size. This is what the coverage counts.
   *
   * @return true when all of those are present and firm
   */
  public boolean coreFiguresFirm() {
    boolean duration = firm(RecipeFigure.EPOCHS) || (firm(RecipeFigure.STEPS) && firm(RecipeFigure.BATCH_SIZE));
    boolean steps = firm(RecipeFigure.ATTACK_STEPS)
        || figure(RecipeFigure.METHOD).map(m -> m.value().equals("standard")).orElse(false);
    return firm(RecipeFigure.ARCHITECTURE) && firm(RecipeFigure.METHOD) && steps && duration;
  }

  private boolean firm(RecipeFigure figure) {
    return figure(figure).map(f -> f.confidence().firm()).orElse(false);
  }

  /**
   * @param figure a figure
   * @return it, where the recipe has it
   */
  public Optional<SourcedFigure> figure(RecipeFigure figure) {
    return Optional.ofNullable(figures.get(figure));
  }
}
