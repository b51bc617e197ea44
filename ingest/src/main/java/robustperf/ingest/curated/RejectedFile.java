package robustperf.ingest.curated;

import java.io.Serializable;

/**
 * An input file that was not taken in; the rest of the run goes on without it.
 *
 * @param source which input it came from: "robustbench" or "metric-records"
 * @param file its path or URI
 * @param reason why, with the fix where there is one
 */
public record RejectedFile(String source, String file, String reason) implements Serializable {}
