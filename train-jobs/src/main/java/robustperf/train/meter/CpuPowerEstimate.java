package robustperf.train.meter;

import robustperf.records.EnergyReading;
import robustperf.records.Provenance;

/**
 * CPU energy where no RAPL package counter is readable: the package's TDP, scaled to the share
 * of its hardware threads this machine has (a cloud VM gets a slice of a package), times the
 * measured utilization. An upper-bound style model (CodeCarbon's TDP fallback), always labelled
 * estimated; without a TDP for the CPU model the reading is null with the reason.
 *
 * @param cpuModel the CPU model string as the OS reports it
 * @param watts power of this machine's share at full load, or null when unknown
 * @param basis how watts was obtained (TDP, thread share and source), or why it is missing
 */
public record CpuPowerEstimate(String cpuModel, Double watts, String basis) {
  /** The method name in energy readings. */
  public static final String METHOD = "tdp-x-utilization";

  /**
   * @param cpuModel the CPU model
   * @return the model when the user gave no TDP for this CPU
   */
  public static CpuPowerEstimate notGiven(String cpuModel) {
    return unknown(cpuModel, "no TDP given for it (--cpu-tdp WATTS --cpu-threads N --cpu-tdp-source TEXT)");
  }

  /**
   * @param cpuModel the CPU model
   * @param reason why no TDP is known
   * @return an estimate that yields null readings with the reason
   */
  public static CpuPowerEstimate unknown(String cpuModel, String reason) {
    return new CpuPowerEstimate(cpuModel, null, reason);
  }

  /**
   * @param cpuModel the CPU model
   * @param packageTdpWatts the package's TDP
   * @param packageThreads hardware threads of one package
   * @param machineThreads logical CPUs this machine sees
   * @param source where the TDP comes from
   * @return the estimate for this machine's share
   */
  public static CpuPowerEstimate fromTdp(
      String cpuModel, double packageTdpWatts, int packageThreads, int machineThreads, String source) {
    if (!(packageTdpWatts > 0) || packageThreads < 1 || machineThreads < 1) {
      throw new IllegalArgumentException("CPU TDP estimate for " + cpuModel + " needs TDP > 0 and thread counts >= 1");
    }
    double share = Math.min(1.0, machineThreads / (double) packageThreads);
    return new CpuPowerEstimate(
        cpuModel,
        packageTdpWatts * share,
        String.format(java.util.Locale.ROOT, "TDP %.0f W x %d/%d threads (%s)", packageTdpWatts,
            Math.min(machineThreads, packageThreads), packageThreads, source));
  }

  /**
   * @param utilization busy fraction over the interval, NaN when it could not be read
   * @param seconds interval length
   * @param utilizationMissing why utilization is NaN (null otherwise)
   * @return an estimated reading for component "cpu", null with a reason when it cannot be made
   */
  public EnergyReading over(double utilization, double seconds, String utilizationMissing) {
    if (watts == null) {
      return new EnergyReading("cpu", null, Provenance.estimated, METHOD, "no TDP for CPU '" + cpuModel + "': " + basis);
    }
    if (Double.isNaN(utilization)) {
      return new EnergyReading("cpu", null, Provenance.estimated, METHOD,
          "CPU utilization unreadable: " + (utilizationMissing == null ? "no time passed" : utilizationMissing));
    }
    return new EnergyReading("cpu", watts * utilization * seconds / 3.6e6, Provenance.estimated, METHOD + ": " + basis, null);
  }
}
