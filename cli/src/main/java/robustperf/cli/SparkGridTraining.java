package robustperf.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.session.SparkSessions;
import robustperf.train.grid.GridRunner;
import robustperf.train.grid.GridSpec;
import robustperf.train.loop.RunPlacement;
import robustperf.train.loop.RunSpec;

/**
 * {@code robustperf train --spec S --spark}: a grid's cells as Spark tasks, one cell a task, each
 * trained in an executor's JVM by the same per-cell logic as one process ({@link GridRunner#runCell}:
 * a finished cell skipped, a half-written one deleted and redone, every file written atomically),
 * into one runs directory every executor sees (a shared file system). Spark schedules; a failed
 * task is retried by Spark and redoes its cell. What each task asks of the cluster is
 * {@link CellTaskResources}'s choice; the driver writes the repeat summary once every cell has
 * finished.
 */
final class SparkGridTraining {
  private SparkGridTraining() {}

  /**
   * What one task did, sent back to the driver.
   *
   * @param runId the cell
   * @param state what its directory held before ({@link GridRunner.CellState})
   * @param trained the training's log line; empty when the cell was finished already
   * @param executor the executor's id and host
   * @param device the device it trained on
   * @param torchThreads PyTorch's intra-op threads in that executor
   * @param waitedSeconds how long the task waited for another cell of its JVM to end
   */
  record CellReport(String runId, String state, String trained, String executor, String device, int torchThreads,
      double waitedSeconds) implements Serializable {}

  /**
   * Trains the grid on the cluster spark-submit names (or local mode without one).
   *
   * @param specFile the grid's YAML
   * @param runs the runs directory, on a file system every executor mounts at the same path
   * @param cpuPower the CPU power options, applied on each executor's machine
   * @param log where to report
   * @return what ran
   * @throws IOException when the spec cannot be read or the summary written
   */
  static GridRunner.Result run(Path specFile, Path runs, CpuPowerOptions cpuPower, PrintStream log) throws IOException {
    String specText = Files.readString(specFile);
    GridSpec grid = GridSpec.parse(specText, specFile.toString());
    Path runsRoot = Files.createDirectories(runs.toAbsolutePath());
    CellTaskResources resources = CellTaskResources.choose(new SparkConf(true));
    if (resources.local()) {
      // The driver's JVM trains: its PyTorch threads are set before the engine starts (below).
      System.setProperty("ai.djl.pytorch.num_threads",
          System.getProperty("ai.djl.pytorch.num_threads", Integer.toString(resources.threadsPerCell())));
      System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    }
    List<String> order = GridRunner.largestFirst(grid).stream().map(RunSpec::runId).toList();
    CellTask task = new CellTask(specText, specFile.toString(), runsRoot.toString(), Path.of("").toAbsolutePath().toString(),
        cpuPower.shipped(), resources.gpu());

    List<CellReport> reports;
    SparkSession spark = SparkSessions.create("robustperf train " + grid.name(), resources.settings());
    try {
      log.printf(Locale.ROOT, "grid %s: %d cells as Spark tasks on %s, largest expected work first; %s%n", grid.name(),
          order.size(), spark.sparkContext().master(), resources.described());
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      // One partition per cell: one task per cell, started in the order given.
      JavaRDD<String> cells = jsc.parallelize(order, Math.max(1, order.size()));
      if (resources.profile().isPresent()) {
        cells = cells.withResources(resources.profile().get());
      }
      reports = cells.map(task).collect();
    } finally {
      spark.stop();
    }

    List<String> ran = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> restarted = new ArrayList<>();
    for (CellReport report : reports) {
      String where = String.format(Locale.ROOT, " [executor %s, %s, %d PyTorch thread(s)%s]", report.executor(),
          report.device(), report.torchThreads(),
          report.waitedSeconds() >= 1 ? String.format(Locale.ROOT, ", waited %.0f s for another cell of its JVM",
              report.waitedSeconds()) : "");
      switch (GridRunner.CellState.valueOf(report.state())) {
        case FINISHED -> {
          skipped.add(report.runId());
          log.println(report.runId() + ": finished already, skipped" + where);
        }
        case RESTARTED -> {
          restarted.add(report.runId());
          ran.add(report.runId());
          log.println(report.trained() + " (restarted after an interruption)" + where);
        }
        case NEW -> {
          ran.add(report.runId());
          log.println(report.trained() + where);
        }
      }
    }
    log.printf(Locale.ROOT, "grid %s: %d cells, %d finished already, %d trained (%d restarted after an interruption)%n",
        grid.name(), reports.size(), skipped.size(), ran.size(), restarted.size());
    return new GridRunner.Result(ran, skipped, restarted, GridRunner.summaryWhenFinished(grid, runsRoot, log));
  }

  /**
   * One task: trains the cell it is given in the executor's JVM.
   *
   * @param specText the grid's YAML, parsed again on the executor
   * @param specSource the spec file's name, for errors
   * @param runsRoot the runs directory
   * @param launchDirectory the driver's working directory (whose checkout names the commit)
   * @param cpuPower the CPU power options
   * @param gpu whether the task was given a GPU to train on
   */
  record CellTask(String specText, String specSource, String runsRoot, String launchDirectory,
      CpuPowerOptions.Shipped cpuPower, boolean gpu) implements Function<String, CellReport> {
    /**
     * Held while a cell trains: DJL's PyTorch random generator is one per JVM, so cells of one JVM
     * take turns (the executors are sized for one task each; in local mode all tasks share the JVM).
     */
    private static final Object ONE_CELL_AT_A_TIME = new Object();

    @Override
    public CellReport call(String runId) throws IOException {
      TaskContext context = TaskContext.get();
      String executor = SparkEnv.get().executorId() + " on " + SparkEnv.get().blockManager().blockManagerId().host();
      try {
        Engine.getEngine("PyTorch");
      } catch (RuntimeException | LinkageError e) {
        throw new IllegalStateException("executor " + executor + " cannot start DJL's PyTorch engine for cell " + runId
            + ": the PyTorch natives must reach every executor (spark-submit --jars with the jar named in"
            + " cli/target/classpath-natives.txt, or spark.executor.extraClassPath naming it on every node): " + e, e);
      }
      RunSpec run = GridSpec.parse(specText, specSource).runs().stream()
          .filter(r -> r.runId().equals(runId))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(specSource + " has no cell " + runId + " on executor " + executor));
      Device device = gpu ? Device.gpu(assignedGpu(context, runId)) : Device.cpu();
      long asked = System.nanoTime();
      synchronized (ONE_CELL_AT_A_TIME) {
        double waited = (System.nanoTime() - asked) / 1e9;
        GridRunner.CellResult result = GridRunner.runCell(run, Path.of(runsRoot), cpuPower.model(),
            new RunPlacement(device, Path.of(launchDirectory)));
        return new CellReport(runId, result.state().name(), result.outcome().map(GridRunner::described).orElse(""),
            executor, device.toString(), JniUtils.getNumThreads(), waited);
      }
    }

    private static int assignedGpu(TaskContext context, String runId) {
      ResourceInformation gpus = context.resourcesJMap().get("gpu");
      if (gpus == null || gpus.addresses().length != 1) {
        throw new IllegalStateException("cell " + runId + " was scheduled as a GPU task but Spark assigned it "
            + (gpus == null ? "no GPU" : gpus.addresses().length + " GPUs"));
      }
      return Integer.parseInt(gpus.addresses()[0]);
    }
  }
}
