package robustperf.ingest.robustbench;

import java.io.Serializable;

/**
 * One RobustBench leaderboard entry, parsed. Any field may be null where the JSON lacked it or
 * could not be parsed; the parse issues say which.
 *
 * @param leaderboard "dataset/threat", e.g. "cifar10/Linf"
 * @param dataset dataset folder, e.g. "cifar10"
 * @param threatModel threat folder, "Linf" or "L2"
 * @param modelId file name without ".json" (RobustBench's model id), path-safe
 * @param name paper title
 * @param authors authors as written
 * @param link paper link
 * @param venue venue as written
 * @param pubYear publication year (arXiv id first, else venue)
 * @param pubMonth publication month 1-12, or null
 * @param dateSource "arxiv-id" or "venue"
 * @param venueYear the year written in the venue
 * @param architectureRaw architecture as written
 * @param architecture normalized architecture
 * @param architectureFamily family of the normalized architecture
 * @param architectureModifier what the entry adds to the base network
 * @param epsText eps as written
 * @param eps eps as a number
 * @param additionalData whether training used data beyond the dataset's training set
 * @param numberForwardPasses forward passes per prediction
 * @param cleanAccPct clean accuracy, percent
 * @param autoattackAccPct AutoAttack robust accuracy, percent
 * @param reportedAccPct robust accuracy the paper reported, percent
 * @param externalAccPct robust accuracy under a stronger external evaluation, percent
 * @param unreliable whether RobustBench flags the evaluation as unreliable
 * @param analysisExclusion why the analyses leave it out ({@link EntryExclusion}: "unreliable" or "broken
 *     defence"), null when they take it
 * @param analysisExclusionReason the figures behind that, null when taken
 * @param footnote RobustBench's footnote, raw text (escape when rendering)
 * @param sourceFile JSON file relative to the snapshot root
 * @param rawJson the file's text, unchanged
 */
public record RobustBenchEntry(
    String leaderboard,
    String dataset,
    String threatModel,
    String modelId,
    String name,
    String authors,
    String link,
    String venue,
    Integer pubYear,
    Integer pubMonth,
    String dateSource,
    Integer venueYear,
    String architectureRaw,
    String architecture,
    String architectureFamily,
    String architectureModifier,
    String epsText,
    Double eps,
    Boolean additionalData,
    Integer numberForwardPasses,
    Double cleanAccPct,
    Double autoattackAccPct,
    Double reportedAccPct,
    Double externalAccPct,
    Boolean unreliable,
    String analysisExclusion,
    String analysisExclusionReason,
    String footnote,
    String sourceFile,
    String rawJson)
    implements Serializable {}
