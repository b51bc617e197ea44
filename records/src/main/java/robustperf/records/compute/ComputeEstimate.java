package robustperf.records.compute;

import java.util.List;

/**
 * One leaderboard entry's training compute by {@link TrainingCompute}'s convention.
 *
 * @param leaderboard "dataset/threat"
 * @param modelId RobustBench's model id
 * @param architectureId our architecture id, or null
 * @param models networks trained
 * @param inputSize training input side, pixels
 * @param forwardFlops F: forward FLOPs of one image through all its networks, or null
 * @param examplesSeen examples the training stage processed, or null
 * @param examplesBasis how they were counted, or why they could not be
 * @param passesLow passes per example in units of F, low end
 * @param passesCentral central
 * @param passesHigh high end
 * @param trainingFlopsLow training FLOPs, low end (null with {@code reason})
 * @param trainingFlopsCentral central
 * @param trainingFlopsHigh high end
 * @param reason why the training FLOPs are null, else null
 * @param pretrainingFlops FLOPs of the pre-training the model started from (0 for none), or null
 * @param pretrainingNote what that pre-training was, or why it is not counted
 * @param generatorNote the generated data's own cost, where there is generated data
 * @param weakest the lowest confidence among the figures used; low also where a rule filled a gap
 * @param lowFigures the low-confidence figures used, by column name
 * @param rules the rules applied where figures were missing
 * @param baseEntries the entries whose training this one builds on and whose FLOPs it adds
 */
public record ComputeEstimate(
    String leaderboard, String modelId, String architectureId, int models, int inputSize, Double forwardFlops, Double examplesSeen,
    String examplesBasis, Double passesLow, Double passesCentral, Double passesHigh, Double trainingFlopsLow,
    Double trainingFlopsCentral, Double trainingFlopsHigh, String reason, Double pretrainingFlops, String pretrainingNote,
    String generatorNote, Confidence weakest, List<String> lowFigures, List<String> rules, List<String> baseEntries) {

  public ComputeEstimate {
    lowFigures = List.copyOf(lowFigures);
    rules = List.copyOf(rules);
    baseEntries = List.copyOf(baseEntries);
  }

  /** @return "leaderboard/modelId" */
  public String key() {
    return leaderboard + "/" + modelId;
  }

  /** @return true where any figure behind the training FLOPs is low confidence or a rule filled a gap */
  public boolean restsOnLowFigures() {
    return weakest == Confidence.low;
  }
}
