/**
 * Forward FLOPs of DJL blocks by layer type, and the training cost of a run from the passes its
 * method made (convention in {@link robustperf.train.flops.TrainingFlops}).
 */
package robustperf.train.flops;
