/**
 * The nightly fold: only files new since the last run, MERGEd into Delta tables on natural keys
 * (a file delivered twice counts once), bad files quarantined with their reason, a ledger of
 * every file's fate, and a lock so two runs never overlap.
 */
package robustperf.ingest.nightly;
