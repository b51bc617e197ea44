/**
 * The {@code robustperf} command: one picocli subcommand per class, each creating and stopping
 * the Spark session it needs. The only module that sees all others.
 */
package robustperf.cli;
