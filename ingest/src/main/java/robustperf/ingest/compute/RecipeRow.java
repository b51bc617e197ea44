package robustperf.ingest.compute;

import java.io.Serializable;
import robustperf.records.compute.TrainingRecipe;

/**
 * One leaderboard entry's recipe row, without its figures ({@link FigureRow} holds those).
 *
 * @param leaderboard "dataset/threat"
 * @param modelId RobustBench's model id
 * @param architectureId our architecture id, null for composites
 * @param models networks trained
 * @param pretrainingArchitectureId our id of the network as pre-trained, where it differs
 * @param baseEntries the entries it is built from
 * @param figures figures recorded
 * @param coreFiguresFirm whether architecture, method, attack steps and duration are all high or medium
 * @param notes the sourcing notes
 * @param line its line in recipes.csv
 */
public record RecipeRow(
    String leaderboard, String modelId, String architectureId, int models, String pretrainingArchitectureId, java.util.List<String> baseEntries, int figures, boolean coreFiguresFirm, String notes, int line)
    implements Serializable {

  static RecipeRow of(TrainingRecipe r) {
    return new RecipeRow(r.leaderboard(), r.modelId(), r.architectureId(), r.models(), r.pretrainingArchitectureId(), r.baseEntries(), r.figures().size(), r.coreFiguresFirm(), r.notes(),
        r.line());
  }
}
