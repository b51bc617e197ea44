package robustperf.cli;

import picocli.CommandLine.Option;
import robustperf.train.meter.CpuPowerEstimate;
import robustperf.train.run.MachineInfo;

/** The CPU's TDP for the TDP x utilization estimate where RAPL is unreadable (a picocli mixin). */
public final class CpuPowerOptions {
  @Option(
      names = "--cpu-tdp",
      paramLabel = "WATTS",
      description = "TDP of one CPU package, for the TDP x utilization estimate where RAPL is unreadable (needs --cpu-threads and --cpu-tdp-source).")
  Double cpuTdp;

  @Option(names = "--cpu-threads", paramLabel = "N", description = "Hardware threads of one CPU package (a VM is charged its share).")
  Integer cpuThreads;

  @Option(names = "--cpu-tdp-source", paramLabel = "TEXT", description = "Where the TDP comes from, e.g. a datasheet and its date; recorded with every estimate.")
  String cpuTdpSource;

  /** @return the CPU power model, or one saying that no TDP was given */
  CpuPowerEstimate model() {
    String model = MachineInfo.cpuOnly().cpuModel();
    if (cpuTdp == null && cpuThreads == null && cpuTdpSource == null) {
      return CpuPowerEstimate.notGiven(model);
    }
    if (cpuTdp == null || cpuThreads == null || cpuTdpSource == null || cpuTdpSource.isBlank()) {
      throw new IllegalArgumentException("--cpu-tdp, --cpu-threads and --cpu-tdp-source go together: a TDP needs its source");
    }
    return CpuPowerEstimate.fromTdp(model, cpuTdp, cpuThreads, Runtime.getRuntime().availableProcessors(), cpuTdpSource);
  }
}
