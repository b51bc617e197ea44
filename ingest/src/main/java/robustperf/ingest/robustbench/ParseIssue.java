package robustperf.ingest.robustbench;

import java.io.Serializable;

/**
 * A value of a RobustBench entry that could not be parsed; the entry is kept with a null there.
 *
 * @param file the entry's JSON file, relative to the snapshot root
 * @param field the JSON field
 * @param rawValue the value as written, or null when the field is absent
 * @param reason why it was not parsed
 */
public record ParseIssue(String file, String field, String rawValue, String reason)
    implements Serializable {}
