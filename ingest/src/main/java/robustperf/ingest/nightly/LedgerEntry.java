package robustperf.ingest.nightly;

import java.io.Serializable;
import java.time.Instant;

/**
 * What happened to one version of one file (path, size and modification time identify it).
 *
 * @param file path or URI where it was found
 * @param sizeBytes its length then
 * @param modifiedAt its modification time then, epoch milliseconds
 * @param status "ingested" or "quarantined"
 * @param kind record kind id, null when quarantined
 * @param rows rows taken in, 0 when quarantined
 * @param reason why it was quarantined, null when ingested
 * @param quarantinedTo where the file was moved, null when ingested
 * @param nightlyId the nightly run that decided
 * @param decidedAt when, UTC
 */
public record LedgerEntry(
    String file,
    long sizeBytes,
    long modifiedAt,
    String status,
    String kind,
    long rows,
    String reason,
    String quarantinedTo,
    String nightlyId,
    Instant decidedAt)
    implements Serializable {}
