package robustperf.tables.cost;

import java.io.Serializable;

/**
 * One layer category's share of a configuration's training step, per batch.
 *
 * @param runId the profiled run
 * @param configuration the run id without seed and repeat
 * @param method the training method
 * @param device the profiled device
 * @param category a layer category, or "outside operators" (wall time the profiler saw no operator in:
 *     the framework, JNI, batch preparation)
 * @param stepMsPerBatch whole training steps
 * @param attackMsPerBatch crafting the adversarial examples alone, null for standard training
 * @param updateMsPerBatch step minus attack (floored at 0: the two are separate measurements)
 * @param stepShare of the step's wall time (profiler on)
 * @param stepWallMsUnprofiled a step's wall time with the profiler off, per batch
 * @param profilerOverhead step wall time with the profiler on over off
 * @param stepFlopsPerBatch counted FLOPs of the category in a step, null where not counted
 * @param attackFlopsPerBatch in the attack
 * @param batches batches profiled
 * @param batchSize images per batch
 * @param provenance measured, and how
 */
public record LayerTimeRow(
    String runId, String configuration, String method, String device, String category, double stepMsPerBatch,
    Double attackMsPerBatch, double updateMsPerBatch, double stepShare, double stepWallMsUnprofiled, double profilerOverhead,
    Double stepFlopsPerBatch, Double attackFlopsPerBatch,
    int batches, int batchSize, String provenance)
    implements Serializable {}
