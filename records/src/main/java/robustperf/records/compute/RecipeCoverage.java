package robustperf.records.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much of each leaderboard the recipes cover: entries with a row, with every core figure firm
 * ({@link TrainingRecipe#coreFiguresFirm()}), with a training FLOPs range, and with one resting on
 * low figures or rules.
 *
 * @param leaderboard the leaderboard
 * @param entries its entries
 * @param withRecipe entries with a recipes.csv row
 * @param coreFirm entries whose core figures are all high or medium
 * @param withFlops entries with a training FLOPs range
 * @param flopsOnLowFigures of those, the ones resting on a low figure or a rule
 */
public record RecipeCoverage(String leaderboard, int entries, int withRecipe, int coreFirm, int withFlops, int flopsOnLowFigures) {
  /** @return coreFirm / entries, percent */
  public double coreFirmPct() {
    return entries == 0 ? 0 : 100.0 * coreFirm / entries;
  }

  /**
   * @param entriesByLeaderboard every entry id, by leaderboard
   * @param recipes the recipes taken
   * @param estimates their compute, by entry key
   * @return one row per leaderboard, in name order
   */
  public static List<RecipeCoverage> of(
      Map<String, List<String>> entriesByLeaderboard, List<TrainingRecipe> recipes, Map<String, ComputeEstimate> estimates) {
    Map<String, TrainingRecipe> byKey = new TreeMap<>();
    recipes.forEach(r -> byKey.put(r.key(), r));
    List<RecipeCoverage> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> board : new TreeMap<>(entriesByLeaderboard).entrySet()) {
      int with = 0;
      int firm = 0;
      int flops = 0;
      int low = 0;
      for (String modelId : board.getValue()) {
        TrainingRecipe r = byKey.get(board.getKey() + "/" + modelId);
        if (r == null) {
          continue;
        }
        with++;
        firm += r.coreFiguresFirm() ? 1 : 0;
        ComputeEstimate e = estimates.get(r.key());
        if (e != null && e.trainingFlopsCentral() != null) {
          flops++;
          low += e.restsOnLowFigures() ? 1 : 0;
        }
      }
      out.add(new RecipeCoverage(board.getKey(), board.getValue().size(), with, firm, flops, low));
    }
    return out;
  }
}
