package robustperf.records;

/**
 * Energy one hardware component used over an interval.
 *
 * @param component what was metered: "gpu0", "cpu-package0", "dram0", "ram"
 * @param kwh energy in kWh, or null when it could not be obtained
 * @param provenance measured by a meter or estimated from a model
 * @param method how: "nvml-total-energy", "rapl", "tdp-x-utilization", ...
 * @param missingReason why kwh is null; null when it is present
 */
public record EnergyReading(
    String component, Double kwh, Provenance provenance, String method, String missingReason) {

  public EnergyReading {
    component = MissingValues.text("component", component);
    method = MissingValues.text("method", method);
    if (provenance == null) {
      throw new IllegalArgumentException("energy reading of " + component + " needs a provenance");
    }
    if (kwh == null) {
      MissingValues.text("missing_reason of " + component + " energy", missingReason);
    } else {
      if (!Double.isFinite(kwh) || kwh < 0) {
        throw new IllegalArgumentException(
            "energy of " + component + " must be a finite kWh >= 0, got " + kwh);
      }
      if (missingReason != null) {
        throw new IllegalArgumentException(
            "energy of " + component + " has a value and a missing reason: keep one");
      }
    }
  }
}
