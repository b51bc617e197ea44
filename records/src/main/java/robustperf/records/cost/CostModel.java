package robustperf.records.cost;

import robustperf.records.Precision;
import robustperf.records.catalog.GpuSpec;
import robustperf.records.catalog.GridIntensity;
import robustperf.records.catalog.Price;

/**
 * The cost formulas, in one place: CO2 = kWh x PUE x grid intensity; USD = GPU-hours x price +
 * kWh x PUE x electricity price; FLOPs projected onto a catalog GPU at a stated utilization give
 * GPU-hours, and GPU-hours at board power give kWh.
 */
public final class CostModel {
  private CostModel() {}

  /**
   * @param itKwh energy the hardware used, kWh
   * @param pue power usage effectiveness, >= 1
   * @param grid carbon intensity
   * @return kg CO2-equivalent
   */
  public static double co2Kg(double itKwh, double pue, GridIntensity grid) {
    return itKwh * pue * grid.gramsCo2PerKwh() / 1000.0;
  }

  /**
   * @param gpuHours GPU-hours used
   * @param price a gpu_hour price
   * @return USD range
   */
  public static Range computeUsd(double gpuHours, Price price) {
    require(price, "gpu_hour");
    return new Range(price.usdLow(), price.usdHigh()).times(gpuHours);
  }

  /**
   * @param itKwh energy the hardware used, kWh
   * @param pue power usage effectiveness
   * @param price a kwh price
   * @return USD range of the facility's electricity
   */
  public static Range energyUsd(double itKwh, double pue, Price price) {
    require(price, "kwh");
    return new Range(price.usdLow(), price.usdHigh()).times(itKwh * pue);
  }

  /**
   * GPU-hours to execute FLOPs on a catalog GPU.
   *
   * @param flops floating-point operations
   * @param gpu the GPU
   * @param precision fp32 uses the FP32 peak, fp16 the dense tensor-core peak
   * @param utilization achieved fraction of peak, in (0, 1]
   * @return GPU-hours
   */
  public static double gpuHours(double flops, GpuSpec gpu, Precision precision, double utilization) {
    if (!(utilization > 0 && utilization <= 1)) {
      throw new IllegalArgumentException("utilization must be in (0, 1], got " + utilization);
    }
    double peak =
        switch (precision) {
          case fp32 -> gpu.peakFp32Tflops();
          case fp16 -> gpu.peakFp16TensorTflops();
          case int8 -> throw new IllegalArgumentException("no INT8 peak in the GPU catalog");
        };
    return flops / (peak * 1e12 * utilization) / 3600.0;
  }

  /**
   * Energy of GPU-hours at board power, an upper-end estimate (boards rarely draw TDP throughout).
   *
   * @param gpuHours GPU-hours
   * @param gpu the GPU
   * @return kWh at the GPU board, before PUE
   */
  public static double boardKwh(double gpuHours, GpuSpec gpu) {
    return gpuHours * gpu.tdpWatts() / 1000.0;
  }

  private static void require(Price price, String unit) {
    if (!price.unit().equals(unit)) {
      throw new IllegalArgumentException("price '" + price.item() + "' is per " + price.unit() + ", not per " + unit);
    }
  }
}
