package robustperf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import robustperf.records.catalog.Catalogs;
import robustperf.records.catalog.CpuSpec;
import robustperf.train.meter.CpuPowerEstimate;
import robustperf.train.run.MachineInfo;

/**
 * The CPU's TDP for the TDP x utilization estimate where RAPL is unreadable (a picocli mixin):
 * given on the command line, else this CPU's row in the catalog, else none, saying why.
 */
public final class CpuPowerOptions {
  @Option(
      names = "--cpu-tdp",
      paramLabel = "WATTS",
      description = "TDP of one CPU package, for the TDP x utilization estimate where RAPL is unreadable (needs --cpu-threads"
          + " and --cpu-tdp-source; default: this CPU's row in the catalog's cpus.csv).")
  Double cpuTdp;

  @Option(names = "--cpu-threads", paramLabel = "N", description = "Hardware threads of one CPU package (a VM is charged its share).")
  Integer cpuThreads;

  @Option(names = "--cpu-tdp-source", paramLabel = "TEXT", description = "Where the TDP comes from, e.g. a datasheet and its date; recorded with every estimate.")
  String cpuTdpSource;

  @Option(names = "--catalogs", paramLabel = "DIR",
      description = "Catalogs directory whose cpus.csv gives this CPU's TDP when --cpu-tdp is not given (default: the embedded data/catalogs).")
  Path catalogs;

  /**
   * The options as plain values, for a cluster task to find the model of the machine it runs on
   * (the default catalogs directory resolved here, where the command was launched).
   *
   * @param cpuTdp {@code --cpu-tdp}
   * @param cpuThreads {@code --cpu-threads}
   * @param cpuTdpSource {@code --cpu-tdp-source}
   * @param catalogs the catalogs directory, absolute
   */
  record Shipped(Double cpuTdp, Integer cpuThreads, String cpuTdpSource, String catalogs) implements java.io.Serializable {
    /** @return the CPU power model of the machine this runs on */
    CpuPowerEstimate model() {
      CpuPowerOptions options = new CpuPowerOptions();
      options.cpuTdp = cpuTdp;
      options.cpuThreads = cpuThreads;
      options.cpuTdpSource = cpuTdpSource;
      options.catalogs = Path.of(catalogs);
      return options.model();
    }
  }

  /** @return these options for a cluster task */
  Shipped shipped() {
    Path dir = catalogs != null ? catalogs : PipelinePaths.embeddedData().resolve("catalogs");
    return new Shipped(cpuTdp, cpuThreads, cpuTdpSource, dir.toAbsolutePath().toString());
  }

  /** @return the CPU power model of this machine */
  CpuPowerEstimate model() {
    return model(MachineInfo.cpuOnly().cpuModel(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param cpuModel the CPU model as the OS reports it
   * @param machineThreads logical CPUs the machine sees
   * @return the CPU power model: from the options, else the catalog, else one saying why there is none
   */
  CpuPowerEstimate model(String cpuModel, int machineThreads) {
    if (cpuTdp == null && cpuThreads == null && cpuTdpSource == null) {
      Path dir = catalogs != null ? catalogs : PipelinePaths.embeddedData().resolve("catalogs");
      Path file = dir.resolve("cpus.csv");
      if (!Files.isRegularFile(file)) {
        return CpuPowerEstimate.unknown(cpuModel, "no CPU catalog at " + file + ", and no --cpu-tdp given");
      }
      return Catalogs.load(dir).cpu(cpuModel)
          .map(spec -> fromCatalog(cpuModel, spec, machineThreads, file))
          .orElseGet(() -> CpuPowerEstimate.unknown(cpuModel,
              "no row for it in " + file + " (give --cpu-tdp WATTS --cpu-threads N --cpu-tdp-source TEXT)"));
    }
    if (cpuTdp == null || cpuThreads == null || cpuTdpSource == null || cpuTdpSource.isBlank()) {
      throw new IllegalArgumentException("--cpu-tdp, --cpu-threads and --cpu-tdp-source go together: a TDP needs its source");
    }
    return CpuPowerEstimate.fromTdp(cpuModel, cpuTdp, cpuThreads, machineThreads, cpuTdpSource);
  }

  private static CpuPowerEstimate fromCatalog(String cpuModel, CpuSpec spec, int machineThreads, Path file) {
    return CpuPowerEstimate.fromTdp(cpuModel, spec.tdpWatts(), spec.threads(), machineThreads,
        file.getFileName() + " row '" + spec.cpu() + "': " + spec.source().described());
  }
}
