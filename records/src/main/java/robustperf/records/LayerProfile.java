package robustperf.records;

import java.time.Instant;

/**
 * Where the time of training steps goes, by layer type: profiler self time of every operator,
 * summed per category, for a number of batches of one run's configuration.
 *
 * @param runId the run whose configuration was profiled (same model, data, method and seed)
 * @param device device id, e.g. "cpu", "gpu0"
 * @param phase "step" (whole training steps: attack, if any, and weight update) or "attack" (only
 *     crafting the adversarial examples, on the same batches)
 * @param category convolution, normalization, activation, linear, attention, pooling, loss,
 *     optimizer, or other
 * @param batches batches profiled (after warm-up)
 * @param batchSize images per batch
 * @param selfSeconds profiler self time of the category's operators over all batches, summed
 *     over threads (forward and autograd run on different threads)
 * @param wallSeconds wall time of the phase over all batches, with the profiler on
 * @param unprofiledWallSeconds wall time of the same phase over as many batches with the profiler
 *     off, measured just before: the profiler's overhead is the ratio
 * @param flops counted FLOPs of the category over all batches, null (with its reason) where the
 *     FLOP counter has no such category
 * @param profiler the profiler and what it measured
 * @param measuredAt when, UTC
 * @param missing snake_case column name to the reason it is null
 */
public record LayerProfile(
    String runId,
    String device,
    String phase,
    String category,
    int batches,
    int batchSize,
    double selfSeconds,
    double wallSeconds,
    double unprofiledWallSeconds,
    Double flops,
    String profiler,
    Instant measuredAt,
    java.util.Map<String, String> missing) {

  /** Phase ids. */
  public static final java.util.List<String> PHASES = java.util.List.of("step", "attack");

  /** Category ids, in the order figures stack them. */
  public static final java.util.List<String> CATEGORIES =
      java.util.List.of("convolution", "normalization", "activation", "linear", "attention", "pooling", "loss", "optimizer", "other");

  public LayerProfile {
    PathSafeId.check("run id", runId);
    device = MissingValues.text("device", device);
    if (!PHASES.contains(phase)) {
      throw new IllegalArgumentException("layer profile of " + runId + ": phase must be one of " + PHASES + ", got " + phase);
    }
    if (!CATEGORIES.contains(category)) {
      throw new IllegalArgumentException("layer profile of " + runId + ": category must be one of " + CATEGORIES + ", got " + category);
    }
    if (batches < 1 || batchSize < 1 || !(selfSeconds >= 0) || !(wallSeconds >= 0) || !(unprofiledWallSeconds >= 0)
        || Double.isInfinite(selfSeconds) || Double.isInfinite(wallSeconds) || Double.isInfinite(unprofiledWallSeconds)
        || measuredAt == null) {
      throw new IllegalArgumentException("layer profile of " + runId + ": batches and batch size >= 1, finite seconds >= 0 and measured_at required");
    }
    if (flops != null && !(flops >= 0 && Double.isFinite(flops))) {
      throw new IllegalArgumentException("layer profile of " + runId + ": flops must be finite and >= 0 or null");
    }
    profiler = MissingValues.text("profiler", profiler);
    missing = MissingValues.copy(missing);
    MissingValues.check(missing, "flops", flops);
  }
}
