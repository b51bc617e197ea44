package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.apache.spark.resource.ResourceProfile;
import org.junit.jupiter.api.Test;

/** The resources a training cell asks of a Spark cluster, from the configuration alone; train --spark's arguments. */
class CellTaskResourcesTest {
  private static SparkConf cluster() {
    return new SparkConf(false).set("spark.master", "spark://127.0.0.1:7077");
  }

  @Test
  void withoutGpusCellsAreCpuTasksOfOneExecutorEach() {
    CellTaskResources r = CellTaskResources.choose(cluster().set("spark.task.cpus", "4"));
    assertFalse(r.gpu());
    assertEquals(4, r.threadsPerCell());
    assertTrue(r.profile().isEmpty(), "the default profile: spark.task.cpus cores a task");
    assertEquals("4", r.settings().get("spark.executor.cores"), "one task an executor");
    assertTrue(r.settings().get("spark.executor.extraJavaOptions").endsWith(
        "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=4 -Dai.djl.pytorch.num_interop_threads=1"));
    assertEquals("4", r.settings().get("spark.executorEnv.OMP_NUM_THREADS"));
    assertTrue(r.described().startsWith("CPU tasks"), r.described());
    assertEquals(1, CellTaskResources.choose(cluster()).threadsPerCell(), "one thread by default");
  }

  @Test
  void theUsersExecutorOptionsAreKept() {
    CellTaskResources r = CellTaskResources.choose(cluster().set("spark.executor.extraJavaOptions", "-Dx=1"));
    assertEquals("-Dx=1 " + CellTaskResources.djlFlags(1), r.settings().get("spark.executor.extraJavaOptions"));
  }

  @Test
  void executorGpusGiveAProfileAskingOneGpuPerTask() {
    CellTaskResources r = CellTaskResources.choose(cluster().set("spark.task.cpus", "2")
        .set("spark.executor.resource.gpu.amount", "1")
        .set("spark.executor.resource.gpu.discoveryScript", "/opt/spark/getGpus.sh"));
    assertTrue(r.gpu());
    ResourceProfile profile = r.profile().orElseThrow();
    assertEquals(1.0, profile.taskResourcesJMap().get("gpu").amount());
    assertEquals(2.0, profile.taskResourcesJMap().get("cpus").amount());
    assertTrue(profile.executorResourcesJMap().isEmpty(), "without dynamic allocation: task requests only");
    assertEquals("1", r.settings().get("spark.executor.resource.gpu.amount"));
    assertEquals("2", r.settings().get("spark.executor.cores"));
    assertTrue(r.described().startsWith("GPU tasks") && r.described().contains("/opt/spark/getGpus.sh"), r.described());
  }

  @Test
  void aWorkersGpusAreRequestedForTheExecutorsWithItsDiscoveryScript() {
    SparkConf conf = cluster().set("spark.worker.resource.gpu.amount", "4")
        .set("spark.worker.resource.gpu.discoveryScript", "/opt/spark/getGpus.sh");
    CellTaskResources fixed = CellTaskResources.choose(conf);
    assertTrue(fixed.gpu());
    assertEquals("1", fixed.settings().get("spark.executor.resource.gpu.amount"));
    assertEquals("/opt/spark/getGpus.sh", fixed.settings().get("spark.executor.resource.gpu.discoveryScript"));

    CellTaskResources dynamic = CellTaskResources.choose(conf.set("spark.dynamicAllocation.enabled", "true"));
    var executor = dynamic.profile().orElseThrow().executorResourcesJMap();
    assertEquals(1L, executor.get("gpu").amount());
    assertEquals("/opt/spark/getGpus.sh", executor.get("gpu").discoveryScript());
    assertEquals(1L, executor.get("cores").amount());
    assertFalse(dynamic.settings().containsKey("spark.executor.resource.gpu.amount"), "the profile asks for them");
  }

  @Test
  void twoCellsInOneJvmOrSpeculativeCopiesAreRefused() {
    IllegalArgumentException cores = assertThrows(IllegalArgumentException.class,
        () -> CellTaskResources.choose(cluster().set("spark.executor.cores", "8").set("spark.task.cpus", "2")));
    assertTrue(cores.getMessage().contains("spark.executor.cores=8 with spark.task.cpus=2"), cores.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CellTaskResources.choose(cluster().set("spark.executor.resource.gpu.amount", "2")));
    assertThrows(IllegalArgumentException.class, () -> CellTaskResources.choose(cluster().set("spark.speculation", "true")));
    assertThrows(IllegalArgumentException.class, () -> CellTaskResources.choose(cluster().set("spark.task.cpus", "0")));
  }

  @Test
  void sparkAndAShardExcludeEachOther() {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cmd = RobustPerf.commandLine();
    cmd.setErr(new java.io.PrintWriter(err, true));
    int exit = cmd.execute("train", "--spec", "grid.yaml", "--spark", "--shard", "1/2");
    assertEquals(ExitCodes.BAD_INPUT, exit);
    assertTrue(err.toString().contains("--spark and --shard 1/2 exclude each other"), err.toString());
  }

  @Test
  void localModeTrainsInTheDriversJvm() {
    CellTaskResources r = CellTaskResources.choose(new SparkConf(false).set("spark.master", "local[4]"));
    assertTrue(r.local());
    assertFalse(r.gpu());
    assertFalse(r.settings().containsKey("spark.executor.cores"));
    assertTrue(r.described().contains("one after another"), r.described());
  }
}
