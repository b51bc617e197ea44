package robustperf.records.catalog;

/**
 * A GPU's board power and peak throughput.
 *
 * @param gpu product name
 * @param tdpWatts board power (TDP), W
 * @param peakFp32Tflops peak FP32 throughput, TFLOP/s
 * @param peakFp16TensorTflops peak dense FP16 tensor-core throughput, TFLOP/s
 * @param source where the figures come from
 */
public record GpuSpec(String gpu, double tdpWatts, double peakFp32Tflops, double peakFp16TensorTflops, Source source) {}
