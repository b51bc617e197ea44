/**
 * RobustBench leaderboard metadata: strict parsing of each entry's JSON into typed columns, with
 * every value that could not be parsed reported per file and field and kept raw beside.
 */
package robustperf.ingest.robustbench;
