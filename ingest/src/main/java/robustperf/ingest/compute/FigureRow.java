package robustperf.ingest.compute;

import java.io.Serializable;

/**
 * One sourced recipe figure.
 *
 * @param leaderboard "dataset/threat"
 * @param modelId RobustBench's model id
 * @param figure the figure's column name, e.g. "epochs"
 * @param value as written
 * @param source pinned URL
 * @param locator where in the source; "rule: ..." for a low figure
 * @param confidence high, medium or low
 */
public record FigureRow(String leaderboard, String modelId, String figure, String value, String source, String locator, String confidence)
    implements Serializable {}
