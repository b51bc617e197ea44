/** Inference benchmarks of trained models: latency, throughput and energy per image. */
package robustperf.train.inference;
