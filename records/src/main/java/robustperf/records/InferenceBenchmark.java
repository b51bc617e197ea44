package robustperf.records;

import java.time.Instant;
import java.util.Map;

/**
 * Inference speed and energy of one model at one batch size and precision.
 *
 * @param runId the run whose model was measured (or an external model id)
 * @param device device id, e.g. "cpu", "gpu0"
 * @param batchSize images per forward pass
 * @param precision arithmetic precision
 * @param latencyP50Ms median latency of one batch, milliseconds
 * @param latencyP95Ms 95th percentile latency, milliseconds
 * @param latencyP99Ms 99th percentile latency, milliseconds
 * @param throughputImagesPerSecond images per second
 * @param energyPerImageJoules energy per image, joules
 * @param energyProvenance measured or estimated (null when energy is null)
 * @param measuredAt when, UTC
 * @param missing snake_case column name to the reason it is null
 */
public record InferenceBenchmark(
    String runId,
    String device,
    int batchSize,
    Precision precision,
    Double latencyP50Ms,
    Double latencyP95Ms,
    Double latencyP99Ms,
    Double throughputImagesPerSecond,
    Double energyPerImageJoules,
    Provenance energyProvenance,
    Instant measuredAt,
    Map<String, String> missing) {

  public InferenceBenchmark {
    PathSafeId.check("run id", runId);
    device = MissingValues.text("device", device);
    if (batchSize < 1 || precision == null || measuredAt == null) {
      throw new IllegalArgumentException(
          "inference benchmark of " + runId + ": batch_size >= 1, precision and measured_at required");
    }
    missing = MissingValues.copy(missing);
    MissingValues.check(missing, "latency_p50_ms", latencyP50Ms);
    MissingValues.check(missing, "latency_p95_ms", latencyP95Ms);
    MissingValues.check(missing, "latency_p99_ms", latencyP99Ms);
    MissingValues.check(missing, "throughput_images_per_second", throughputImagesPerSecond);
    MissingValues.check(missing, "energy_per_image_joules", energyPerImageJoules);
    if (energyPerImageJoules != null && energyProvenance == null) {
      throw new IllegalArgumentException("energy_per_image_joules needs its energy_provenance");
    }
  }
}
