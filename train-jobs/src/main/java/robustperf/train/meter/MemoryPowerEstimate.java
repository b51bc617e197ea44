package robustperf.train.meter;

import robustperf.records.EnergyReading;
import robustperf.records.Provenance;

/**
 * Memory energy where no DRAM counter is readable: CodeCarbon's v2 rule of 3 W per 8 GB of
 * installed memory (mlco2/codecarbon, via shared/reference/README.md, taken 2026-11-24).
 */
public final class MemoryPowerEstimate {
  /** Watts per GB of installed memory. */
  public static final double WATTS_PER_GB = 3.0 / 8.0;

  private MemoryPowerEstimate() {}

  /**
   * @param memoryGib installed memory, GiB
   * @param seconds interval length
   * @return an estimated reading for component "ram"
   */
  public static EnergyReading over(double memoryGib, double seconds) {
    double gb = memoryGib * 1.073741824;
    double kwh = gb * WATTS_PER_GB * seconds / 3.6e6;
    return new EnergyReading("ram", kwh, Provenance.estimated, "codecarbon-3W-per-8GB", null);
  }
}
