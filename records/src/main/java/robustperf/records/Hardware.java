package robustperf.records;

/**
 * The machine a run used.
 *
 * @param gpuModel GPU product name as the driver reports it (e.g. "NVIDIA A100-SXM4-40GB"), or
 *     null for CPU-only runs
 * @param gpuCount number of GPUs used, 0 for CPU-only runs
 * @param cpuModel CPU model name from /proc/cpuinfo
 * @param cpuCores logical cores available to the JVM
 * @param memoryGib installed memory in GiB
 */
public record Hardware(
    String gpuModel, int gpuCount, String cpuModel, int cpuCores, double memoryGib) {

  public Hardware {
    if (gpuCount < 0 || cpuCores < 1) {
      throw new IllegalArgumentException(
          "gpu_count must be >= 0 and cpu_cores >= 1, got " + gpuCount + " and " + cpuCores);
    }
    if (gpuCount > 0 && (gpuModel == null || gpuModel.isBlank())) {
      throw new IllegalArgumentException("gpu_count is " + gpuCount + " but gpu_model is empty");
    }
    cpuModel = MissingValues.text("cpu_model", cpuModel);
    MissingValues.finite("memory_gib", memoryGib);
  }
}
