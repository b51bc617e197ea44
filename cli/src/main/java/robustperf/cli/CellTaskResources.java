package robustperf.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.resource.ExecutorResourceRequests;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;

/**
 * What each training cell asks of a Spark cluster, chosen from the application's configuration
 * before the session starts (for {@code robustperf train --spark}).
 *
 * <p>GPU tasks where the cluster advertises GPUs ({@code spark.executor.resource.gpu.amount}, or a
 * standalone worker's {@code spark.worker.resource.gpu.*} in the same configuration): a resource
 * profile asking one GPU and {@code spark.task.cpus} cores per task; executors get one GPU each,
 * with the discovery script the configuration names, through the profile's executor requests when
 * dynamic allocation can launch executors for it, through the executor settings otherwise. CPU
 * tasks on every other cluster: the default profile, {@code spark.task.cpus} cores per task.
 *
 * <p>One cell trains per executor JVM at a time, because DJL's PyTorch random generator is one per
 * process: two cells seeding and drawing from it at once would not train as they do alone. So an
 * executor has exactly a task's cores ({@code spark.executor.cores = spark.task.cpus}), and a
 * configuration that would run two cells in one executor, or speculative copies of a cell, is
 * refused. PyTorch in the executor gets as many intra-op threads as the task has cores, so
 * concurrent executors on a node do not oversubscribe it. In local mode (one JVM) the cells train
 * one after another.
 *
 * @param gpu whether tasks ask for a GPU
 * @param threadsPerCell cores per task, PyTorch's intra-op threads in each cell
 * @param local whether the master is local (the driver's JVM trains)
 * @param settings configuration to add before the session starts
 * @param profile the resource profile for the cells' stage; empty: the default profile
 * @param described one line for the log saying what was chosen
 */
record CellTaskResources(
    boolean gpu, int threadsPerCell, boolean local, Map<String, String> settings, Optional<ResourceProfile> profile,
    String described) {

  /** The DJL system properties each executor JVM starts with. */
  static String djlFlags(int threads) {
    return "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=" + threads + " -Dai.djl.pytorch.num_interop_threads=1";
  }

  /**
   * @param conf the application's configuration (spark-submit's, before the session starts)
   * @return the choice
   * @throws IllegalArgumentException when the configuration would train two cells in one JVM at once
   */
  static CellTaskResources choose(SparkConf conf) {
    String master = conf.get("spark.master", "local[*]");
    boolean local = master.equals("local") || master.startsWith("local[");
    int threads = conf.getInt("spark.task.cpus", 1);
    if (threads < 1) {
      throw new IllegalArgumentException("spark.task.cpus=" + threads + ": a cell needs at least one core");
    }
    if (conf.getBoolean("spark.speculation", false)) {
      throw new IllegalArgumentException(
          "spark.speculation=true would train a cell twice at once into one run directory: leave it off for robustperf train --spark");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    String executorOptions = conf.get("spark.executor.extraJavaOptions", "").strip();
    settings.put("spark.executor.extraJavaOptions", (executorOptions + " " + djlFlags(threads)).strip());
    settings.put("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(threads));
    settings.put("spark.executorEnv.MKL_NUM_THREADS", Integer.toString(threads));
    if (local) {
      return new CellTaskResources(false, threads, true, settings, Optional.empty(),
          "CPU tasks in local mode (" + master + "): one JVM, so the cells train one after another, "
              + threads + " PyTorch thread(s) each");
    }
    if (conf.contains("spark.executor.cores") && conf.getInt("spark.executor.cores", 0) != threads) {
      throw new IllegalArgumentException(
          "spark.executor.cores=" + conf.get("spark.executor.cores") + " with spark.task.cpus=" + threads
              + " would train several cells in one executor JVM at once, and DJL's random generator is one per JVM:"
              + " set spark.executor.cores to spark.task.cpus (the threads per cell)");
    }
    settings.put("spark.executor.cores", Integer.toString(threads));

    long executorGpus = conf.getLong("spark.executor.resource.gpu.amount", 0);
    long workerGpus = conf.getLong("spark.worker.resource.gpu.amount", 0);
    if (executorGpus == 0 && workerGpus == 0) {
      return new CellTaskResources(false, threads, false, settings, Optional.empty(),
          "CPU tasks: the cluster advertises no GPU (spark.executor.resource.gpu.amount, spark.worker.resource.gpu.amount);"
              + " one cell a task, one task an executor, spark.task.cpus=" + threads + " = PyTorch threads per cell");
    }
    if (executorGpus > 1) {
      throw new IllegalArgumentException(
          "spark.executor.resource.gpu.amount=" + executorGpus + ": one cell trains per executor (DJL's random generator"
              + " is one per JVM), so give each executor 1 GPU");
    }
    String script = conf.get("spark.executor.resource.gpu.discoveryScript",
        conf.get("spark.worker.resource.gpu.discoveryScript", ""));
    String vendor = conf.get("spark.executor.resource.gpu.vendor", "nvidia.com");
    TaskResourceRequests task = new TaskResourceRequests().cpus(threads).resource("gpu", 1);
    ResourceProfileBuilder profile = new ResourceProfileBuilder().require(task);
    String executors;
    if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
      // Dynamic allocation launches executors for the profile itself: they ask for the GPU.
      profile.require(new ExecutorResourceRequests().cores(threads).resource("gpu", 1, script, vendor));
      executors = "executors requested by the profile (dynamic allocation): " + threads + " cores and 1 GPU";
    } else {
      // Without dynamic allocation a profile may ask only task resources, of executors that exist:
      // the application's executors get their GPU from the configuration.
      settings.put("spark.executor.resource.gpu.amount", "1");
      if (!script.isEmpty()) {
        settings.put("spark.executor.resource.gpu.discoveryScript", script);
      }
      executors = "executors of the default profile with spark.executor.resource.gpu.amount=1";
    }
    return new CellTaskResources(true, threads, false, settings, Optional.of(profile.build()),
        "GPU tasks: a resource profile asking 1 GPU and " + threads + " core(s) per cell, " + executors
            + (script.isEmpty() ? " (no discovery script configured: the cluster manager assigns the addresses)"
                : ", discovery script " + script));
  }
}
