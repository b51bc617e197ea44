package robustperf.tables.compute;

import java.io.Serializable;
import java.util.List;

/**
 * One leaderboard entry with its training and inference compute by the project's convention.
 *
 * @param leaderboard "dataset/threat"
 * @param modelId RobustBench's model id
 * @param name paper title (escape when rendering)
 * @param architecture RobustBench's normalized architecture name
 * @param pubDate publication date, decimal years, or null
 * @param cleanAccPct clean accuracy, percent
 * @param autoattackAccPct AutoAttack accuracy, percent
 * @param analysisExclusion the entry rule's verdict ("unreliable", "broken defence") or null
 * @param hasRecipe whether recipes.csv has a row for it
 * @param coreFiguresFirm whether its architecture, method, attack steps and duration are all high or medium
 * @param architectureId our architecture id, or null
 * @param models networks trained
 * @param inputSize training input side, pixels, or null
 * @param forwardFlops forward FLOPs of one image through its networks, or null
 * @param numberForwardPasses forward passes per prediction (RobustBench), or null
 * @param inferenceFlops forward FLOPs x forward passes per prediction, or null
 * @param examplesSeen examples the final training stage processed, or null
 * @param examplesBasis how those were counted, or why not
 * @param passesLow passes per example in units of the forward cost, low end
 * @param passesCentral central
 * @param passesHigh high end
 * @param trainingFlopsLow training FLOPs of the final stage, low end
 * @param trainingFlopsCentral central
 * @param trainingFlopsHigh high end
 * @param trainingFlopsReason why they are null, else null
 * @param pretrainingFlops pre-training FLOPs (0 for none), or null
 * @param pretrainingNote what the pre-training was, or why it is not counted
 * @param generatorNote the cost of generated data, where there is some
 * @param weakestConfidence the lowest confidence among the figures used (low where a rule filled a gap)
 * @param restsOnLowFigures whether the FLOPs rest on a low figure or a rule
 * @param lowFigures the low-confidence figures used ("base key: figure" for a base entry's)
 * @param rules the rules applied where figures were missing
 * @param baseEntries the entries whose training this one adds to its own
 * @param convention how the FLOPs were computed
 */
public record LeaderboardComputeRow(
    String leaderboard, String modelId, String name, String architecture, Double pubDate, Double cleanAccPct, Double autoattackAccPct,
    String analysisExclusion, boolean hasRecipe, boolean coreFiguresFirm, String architectureId, Integer models, Integer inputSize,
    Double forwardFlops, Integer numberForwardPasses, Double inferenceFlops, Double examplesSeen, String examplesBasis,
    Double passesLow, Double passesCentral, Double passesHigh, Double trainingFlopsLow, Double trainingFlopsCentral,
    Double trainingFlopsHigh, String trainingFlopsReason, Double pretrainingFlops, String pretrainingNote, String generatorNote,
    String weakestConfidence, Boolean restsOnLowFigures, List<String> lowFigures, List<String> rules, List<String> baseEntries,
    String convention)
    implements Serializable {}
