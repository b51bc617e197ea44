package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.nightly.WarehouseTables;
import robustperf.ingest.runs.MetricRecordIngest;
import robustperf.ingest.session.SparkSessions;
import robustperf.records.parquet.RecordKind;

/**
 * A real standalone Spark cluster on 127.0.0.1 (Master and Worker from the Maven jars, assembled
 * by bin/spark-home), the spark-app jar submitted with spark-submit: its outputs equal local
 * mode's, for the pipeline and for the nightly fold; a training grid run as Spark tasks
 * ({@code train --spark}) writes the records one process writes.
 */
class StandaloneClusterIT {
  @TempDir static Path work;
  private static final Path REPO = Path.of(System.getProperty("robustperf.repo"));
  private static final List<Process> CLUSTER = new ArrayList<>();
  private static Path sparkHome;
  private static String masterUrl;

  @BeforeAll
  static void startCluster() throws Exception {
    sparkHome = work.resolve("spark-home");
    run(List.of("bash", REPO.resolve("bin/spark-home").toString(), sparkHome.toString()), work.resolve("spark-home.log"), 300);
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    CLUSTER.add(start(List.of(sparkHome.resolve("bin/start-master").toString(), "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())), work.resolve("master.log")));
    waitFor(work.resolve("master.log"), "Successfully started service 'sparkMaster'", 90);
    CLUSTER.add(start(List.of(sparkHome.resolve("bin/start-worker").toString(), "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()), masterUrl), work.resolve("worker.log")));
    waitFor(work.resolve("worker.log"), "Successfully registered with master", 90);
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (Process p : CLUSTER) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void pipelineOnTheClusterEqualsLocalMode() throws Exception {
    Path local = work.resolve("pipeline-local");
    Path cluster = work.resolve("pipeline-cluster");
    submit("local[2]", List.of("pipeline", "--data", REPO.resolve("data").toString(), "--out", local.toString()), "pipeline-local");
    submit(masterUrl, List.of("pipeline", "--data", REPO.resolve("data").toString(), "--out", cluster.toString()), "pipeline-cluster");
    assertTrue(Files.readString(work.resolve("worker.log")).contains("Asked to launch executor"), "the worker ran executors");
    for (String table : List.of("robustbench_entries", "robustbench_parse_issues", "pareto_clean_vs_autoattack",
        "regression_leaderboard_trends", "doubling_robust_error")) {
      assertEquals(sortedLines(local.resolve("tables/" + table + ".csv")), sortedLines(cluster.resolve("tables/" + table + ".csv")), table);
    }
  }

  @Test
  void nightlyOnTheClusterEqualsLocalMode() throws Exception {
    // The fold's own output is the warehouse: compared table by table, without the refresh of
    // --out (the same analyses the pipeline test above already compares).
    List<List<String>> results = new ArrayList<>();
    List<String> quarantined = new ArrayList<>();
    for (String master : List.of("local[2]", masterUrl)) {
      String name = master.startsWith("local") ? "local" : "cluster";
      Path runs = work.resolve("runs-" + name);
      NightlyFaultTest.writeRuns(runs, "c", 4, 3);
      Files.writeString(Files.createDirectories(runs.resolve("bad")).resolve("x.parquet"), "broken");
      submit(master, List.of("nightly", "--runs", runs.toString(), "--warehouse", work.resolve("warehouse-" + name).toString(),
          "--data", REPO.resolve("data").toString(), "--out", work.resolve("nightly-out-" + name).toString(), "--no-refresh"),
          "nightly-" + name);
      Matcher line = Pattern.compile("(\\d+) quarantined").matcher(Files.readString(work.resolve("nightly-" + name + ".log")));
      assertTrue(line.find(), "the fold's summary line in nightly-" + name + ".log");
      quarantined.add(line.group(1));
    }
    SparkSession spark = SparkSessions.create("StandaloneClusterIT");
    try {
      for (String name : List.of("local", "cluster")) {
        var tables = WarehouseTables.records(spark, work.resolve("warehouse-" + name));
        List<String> all = new ArrayList<>();
        for (var kind : List.of(RecordKind.RUN_MANIFEST, RecordKind.EPOCH_METRICS)) {
          all.add(kind.id() + ":" + tables.get(kind).collectAsList().stream().map(Object::toString).sorted().collect(Collectors.joining("\n")));
        }
        results.add(all);
      }
    } finally {
      spark.stop();
    }
    assertEquals(results.get(0), results.get(1));
    assertEquals(List.of("1", "1"), quarantined, "the broken file quarantined on both");
    assertEquals(4 * 3, results.get(0).get(1).split("\n").length, "every epoch of the 4 runs of 3 epochs ingested");
  }

  @Test
  void gridAsSparkTasksWritesWhatOneProcessWrites() throws Exception {
    // 4 tiny cells: small CNN on Fashion-MNIST, 300 training images, 1 epoch, 100 test images.
    Path spec = Files.writeString(work.resolve("grid.yaml"), """
        name: spark-test
        dataset: fashion-mnist
        dataset_root: /usr/share/datasets/fashion-mnist
        eps: "0.1"
        architectures: [small-cnn]
        methods: [standard, fgsm-rs]
        epochs: 1
        batch_size: 100
        learning_rate: 0.05
        schedule: cyclic
        train_examples: 300
        held_out_examples: 100
        test_examples: 100
        seeds: [1, 2]
        """);
    // The PyTorch natives reach the executors (and the local driver) through spark-submit's --jars.
    String natives = Files.readString(Path.of(System.getProperty("robustperf.nativesClasspath"))).strip();
    List<String> train = List.of("train", "--spec", spec.toString(), "--catalogs", REPO.resolve("data/catalogs").toString());
    Path runsOne = work.resolve("runs-one");
    Path runsSpark = work.resolve("runs-spark");
    // One process (no --spark: GridRunner in the submitting JVM), with 1 PyTorch thread as each
    // task has, trained while the cluster trains the same grid.
    List<String> oneProcess = new ArrayList<>(submitCommand("local[1]", List.of("--jars", natives, "--driver-java-options",
        "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1")));
    oneProcess.addAll(train);
    oneProcess.addAll(List.of("--runs", runsOne.toString(), "--no-progress"));
    Process one = start(oneProcess, work.resolve("train-one.log"));
    List<String> onCluster = new ArrayList<>(train);
    onCluster.addAll(List.of("--runs", runsSpark.toString(), "--spark"));
    submit(masterUrl, List.of("--jars", natives), onCluster, "train-cluster");
    assertTrue(one.waitFor(300, TimeUnit.SECONDS), "the one-process grid did not end in 300 s");
    assertEquals(0, one.exitValue(), "one process failed:\n" + Files.readString(work.resolve("train-one.log")));

    String log = Files.readString(work.resolve("train-cluster.log"));
    assertTrue(log.contains("grid spark-test: 4 cells as Spark tasks on " + masterUrl) && log.contains("CPU tasks"), log);
    assertEquals(4, Pattern.compile("\\[executor \\d+ on 127\\.0\\.0\\.1, cpu\\(\\), 1 PyTorch thread\\(s\\)").matcher(log).results().count(),
        "each cell trained in an executor with 1 PyTorch thread:\n" + log);
    assertTrue(log.contains("4 trained (0 restarted"), log);

    // The pipeline's record tables of both runs directories, compared as deploy/slurm/test.sh does.
    SparkSession spark = SparkSessions.create("StandaloneClusterIT");
    try {
      for (Path runs : List.of(runsOne, runsSpark)) {
        MetricRecordIngest.Output records = new MetricRecordIngest(new MetricRecordIngest.Options(runs.toString())).run(spark);
        CuratedTables tables = CuratedTables.under(work.resolve("tables-of-" + runs.getFileName()));
        for (RecordKind kind : RecordKind.values()) {
          tables.write(kind.id(), records.tables().get(kind));
        }
      }
    } finally {
      spark.stop();
    }
    Path compared = work.resolve("compare-runs.log");
    int exit = run(List.of("/usr/bin/python3", REPO.resolve("deploy/slurm/compare_runs.py").toString(), runsOne.toString(),
        runsSpark.toString(), work.resolve("tables-of-runs-one").toString(), work.resolve("tables-of-runs-spark").toString()),
        compared, 120);
    assertEquals(0, exit, "the grid trained as Spark tasks differs from one process's:\n" + Files.readString(compared));
    System.out.print(Files.readString(compared));
    assertTrue(Files.readString(compared).contains("the same 25 files in 4 runs"), Files.readString(compared));
  }

  private static void submit(String master, List<String> args, String name) throws Exception {
    submit(master, List.of(), args, name);
  }

  private static void submit(String master, List<String> options, List<String> args, String name) throws Exception {
    List<String> command = new ArrayList<>(submitCommand(master, options));
    command.addAll(args);
    Path log = work.resolve(name + ".log");
    int exit = run(command, log, 600);
    assertEquals(0, exit, name + " failed:\n" + Files.readString(log));
  }

  private static List<String> submitCommand(String master, List<String> options) {
    Path app = Path.of(System.getProperty("robustperf.appJar"));
    List<String> command = new ArrayList<>(List.of(sparkHome.resolve("bin/spark-submit").toString(), "--master", master,
        "--conf", "spark.executor.memory=1g"));
    command.addAll(options);
    command.addAll(List.of("--class", RobustPerf.class.getName(), app.toString()));
    return command;
  }

  private static int run(List<String> command, Path log, int timeoutSeconds) throws Exception {
    Process p = start(command, log);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s; see " + log);
    }
    return p.exitValue();
  }

  private static Process start(List<String> command, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static void waitFor(Path log, String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("'" + text + "' did not appear in " + log + ":\n" + (Files.exists(log) ? Files.readString(log) : ""));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static List<String> sortedLines(Path csv) throws IOException {
    try (Stream<String> lines = Files.lines(csv)) {
      return lines.sorted().toList();
    }
  }
}
