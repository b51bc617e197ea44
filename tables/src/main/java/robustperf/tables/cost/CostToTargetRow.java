package robustperf.tables.cost;

import java.io.Serializable;

/**
 * What a forecast target would cost on one catalog GPU at one precision: point, low and high.
 *
 * @param groupValue dataset / norm / eps / monitor of the forecast
 * @param response "robust_error" or "clean_error"
 * @param targetAccuracyPct the target
 * @param form the law form the FLOPs come from
 * @param flops forecast training FLOPs
 * @param flopsLow its bootstrap interval's low end
 * @param flopsHigh its high end, null when unbounded
 * @param gpu the catalog GPU
 * @param precision fp32 or fp16 (tensor-core peak)
 * @param utilizationAssumed the utilization range and point
 * @param gpuHours point
 * @param gpuHoursLow low end
 * @param gpuHoursHigh high end
 * @param kwh facility kWh (board power x PUE), point
 * @param kwhLow low end
 * @param kwhHigh high end
 * @param co2Kg kg CO2-equivalent, point
 * @param co2KgLow low end
 * @param co2KgHigh high end
 * @param usd GPU-hour cost at the price range's middle, point
 * @param usdLow low end (low price)
 * @param usdHigh high end (high price)
 * @param usdBasis the price row used
 * @param highMissingReason why the high ends are null, else null
 * @param provenance estimated, and how
 * @param sources every catalog row used, with its source and the date it was taken
 */
public record CostToTargetRow(
    String groupValue, String response, double targetAccuracyPct, String form, double flops, Double flopsLow, Double flopsHigh,
    String gpu, String precision, String utilizationAssumed, double gpuHours, Double gpuHoursLow, Double gpuHoursHigh,
    double kwh, Double kwhLow, Double kwhHigh, double co2Kg, Double co2KgLow, Double co2KgHigh, Double usd, Double usdLow,
    Double usdHigh, String usdBasis, String highMissingReason, String provenance, String sources)
    implements Serializable {}
