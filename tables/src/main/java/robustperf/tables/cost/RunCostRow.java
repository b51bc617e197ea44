package robustperf.tables.cost;

import java.io.Serializable;

/**
 * One run's measured cost and its training FLOPs projected onto one catalog GPU (table
 * {@code run_cost_projection}).
 *
 * @param runId the run
 * @param dataset the dataset
 * @param architecture the model
 * @param method the training method
 * @param measuredOn GPU / CPU model the run trained on
 * @param trainingHours measured wall hours of training
 * @param trainingFlops counted training FLOPs
 * @param measuredKwh measured (or estimated) kWh, null where an epoch has none
 * @param measuredEnergyProvenance "measured" or "estimated"
 * @param measuredCo2Kg kWh x PUE x grid intensity, kg
 * @param measuredElectricityUsd the electricity's price, USD
 * @param measuredMissingReason why the energy is null
 * @param projectedGpu the catalog GPU projected onto
 * @param projectedPrecision FP32 or FP16 (its peak)
 * @param utilizationAssumed the assumed share of peak, in words
 * @param gpuHoursLow GPU-hours at the high utilization
 * @param gpuHoursHigh GPU-hours at the low utilization
 * @param boardKwhLow board kWh at TDP, low
 * @param boardKwhHigh board kWh at TDP, high
 * @param co2KgLow CO2, kg, low
 * @param co2KgHigh CO2, kg, high
 * @param usdLow USD, low, null without a price
 * @param usdHigh USD, high
 * @param usdBasis the price row used
 * @param provenance "estimated: ..." how the projection is made
 * @param sources the catalog rows behind it, each with source and date
 */
public record RunCostRow(
    String runId, String dataset, String architecture, String method, String measuredOn, double trainingHours,
    double trainingFlops, Double measuredKwh, String measuredEnergyProvenance, Double measuredCo2Kg,
    Double measuredElectricityUsd, String measuredMissingReason, String projectedGpu, String projectedPrecision,
    String utilizationAssumed, double gpuHoursLow, double gpuHoursHigh, double boardKwhLow, double boardKwhHigh,
    double co2KgLow, double co2KgHigh, Double usdLow, Double usdHigh, String usdBasis, String provenance,
    String sources)
    implements Serializable {}
