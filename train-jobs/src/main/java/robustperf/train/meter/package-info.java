/**
 * Energy meters: RAPL counters under /sys/class/powercap (measured), NVIDIA's NVML where the
 * library loads (measured), and the estimate for memory where nothing is readable. Every reading
 * says which, and a meter that cannot read says why instead of reporting 0.
 */
package robustperf.train.meter;
