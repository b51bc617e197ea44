package robustperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.ingest.IngestJob;
import robustperf.ingest.nightly.NightlyJob;
import robustperf.ingest.nightly.NightlyLock;
import robustperf.ingest.nightly.WarehouseTables;
import robustperf.ingest.session.SparkSessions;

/**
 * {@code robustperf nightly}: folds the day's new metric-record files into the warehouse, then
 * refreshes the curated tables, the analyses and the report in --out.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Fold new metric-record files into the Delta warehouse exactly once (bad files quarantined),",
      "then refresh the tables, analyses and report in --out. Exit 4 when another run holds the lock."
    })
public final class NightlyCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Option(names = "--warehouse", paramLabel = "DIR", required = true, description = "Warehouse directory (Delta tables, ledger, quarantine).")
  Path warehouse;

  @Option(names = "--no-refresh", description = "Only fold the new files; skip tables, analyses and report.")
  boolean noRefresh;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (NightlyLock lock = NightlyLock.acquire(warehouse)) {
      SparkSession spark = SparkSessions.create("robustperf nightly");
      try {
        long start = System.nanoTime();
        NightlyJob.Summary s = new NightlyJob(new NightlyJob.Options(Path.of(paths.runs()), warehouse)).run(spark);
        out.printf("nightly %s: %d files found, %d new, %d ingested, %d quarantined (%.1f s)%n",
            s.nightlyId(), s.found(), s.fresh(), s.ingested(), s.quarantined().size(), (System.nanoTime() - start) / 1e9);
        s.quarantined().forEach(reason -> spec.commandLine().getErr().println("quarantined: " + reason));
        s.rowsPerTable().forEach((table, rows) -> out.printf("warehouse %-20s %8d rows%n", table, rows));
        if (noRefresh) {
          return ExitCodes.OK;
        }
        IngestJob.write(spark, paths.data(), paths.out(), WarehouseTables.records(spark, warehouse),
                WarehouseTables.quarantined(spark, warehouse),
                Map.of(WarehouseTables.LEDGER, WarehouseTables.ledger(spark, warehouse)))
            .rowsPerTable()
            .forEach((table, rows) -> out.printf("%-28s %8d rows%n", table, rows));
        return AnalyzeCommand.analyze(spark, paths, spec);
      } finally {
        spark.stop();
      }
    }
  }
}
