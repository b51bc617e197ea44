package robustperf.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.nightly.NightlyJob;
import robustperf.ingest.session.SparkSessions;
import robustperf.records.EpochMetrics;
import robustperf.records.RecordSamples;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;

/**
 * bench/nightly: one nightly fold of 1 new file over a warehouse that already holds N files, vs
 * a full rebuild of the warehouse from all N + 1 files, in one JVM and one Spark session.
 * Prints "step,files_in_runs,new_files,seconds". Usage: NightlyBench WORKDIR [N]
 */
public final class NightlyBench {
  private NightlyBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path runs = work.resolve("runs");
    int epochs = 9;
    int runCount = files / (epochs + 1);
    long t = System.nanoTime();
    for (int r = 0; r < runCount; r++) {
      String id = "bench" + r;
      RunDirectory run = new RunDirectory(runs, id);
      RecordFiles.write(run.manifest(), RunManifest.class, List.of(RecordSamples.manifest(id)));
      for (int e = 1; e <= epochs; e++) {
        RecordFiles.write(run.epoch(e), EpochMetrics.class, List.of(RecordSamples.epoch(id, e)));
      }
    }
    System.err.printf("wrote %d files in %.1f s%n", runCount * (epochs + 1), (System.nanoTime() - t) / 1e9);
    SparkSession spark = SparkSessions.create("robustperf nightly bench");
    try {
      System.out.println("step,files_in_runs,new_files,seconds");
      Path warehouse = work.resolve("warehouse");
      report("initial fold", () -> new NightlyJob(new NightlyJob.Options(runs, warehouse)).run(spark));
      RecordFiles.write(new RunDirectory(runs, "bench0").epoch(epochs + 1), EpochMetrics.class, List.of(RecordSamples.epoch("bench0", epochs + 1)));
      report("nightly, 1 new file", () -> new NightlyJob(new NightlyJob.Options(runs, warehouse)).run(spark));
      report("nightly, nothing new", () -> new NightlyJob(new NightlyJob.Options(runs, warehouse)).run(spark));
      report("full rebuild", () -> new NightlyJob(new NightlyJob.Options(runs, work.resolve("rebuilt"))).run(spark));
    } finally {
      spark.stop();
    }
    Files.writeString(work.resolve("done"), "ok");
  }

  private static void report(String step, java.util.function.Supplier<NightlyJob.Summary> job) {
    long t = System.nanoTime();
    NightlyJob.Summary s = job.get();
    System.out.printf("%s,%d,%d,%.2f%n", step, s.found(), s.fresh(), (System.nanoTime() - t) / 1e9);
  }
}
