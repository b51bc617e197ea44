package robustperf.records.catalog;

import java.util.Locale;

/**
 * A CPU package's TDP, for the TDP x utilization energy estimate where no RAPL counter is
 * readable (CodeCarbon's fallback).
 *
 * @param cpu the model as its vendor names it, e.g. "Intel Xeon Platinum 8380"; it must carry a
 *     model number, so that no row matches a masked name such as a VM's "Intel(R) Xeon(R) Processor"
 * @param tdpWatts the package's TDP (Intel: processor base power), W
 * @param threads hardware threads of one package (a VM is charged its share)
 * @param source where the figures come from, with the launch year
 * @param note how they were taken
 */
public record CpuSpec(String cpu, double tdpWatts, int threads, Source source, String note) {
  public CpuSpec {
    if (!cpu.matches(".*[0-9].*")) {
      throw new IllegalArgumentException("a CPU row names a model number, got '" + cpu + "'");
    }
    if (!(tdpWatts > 0) || threads < 1) {
      throw new IllegalArgumentException("CPU '" + cpu + "' needs a TDP > 0 and threads >= 1");
    }
  }

  /**
   * @param osModel the model as the OS reports it, e.g. "Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz"
   * @return whether it is this CPU: equal once trademarks, clock, core count and the words CPU and
   *     Processor are dropped (exact, so that 8380 does not match 8380H)
   */
  public boolean matches(String osModel) {
    return osModel != null && normalized(osModel).equals(normalized(cpu));
  }

  static String normalized(String model) {
    return model.toLowerCase(Locale.ROOT)
        .replace("(r)", " ").replace("(tm)", " ")
        .replaceAll("@\\s*[0-9.]+\\s*ghz", " ")
        .replaceAll("\\b[0-9]+-core\\b", " ")
        .replaceAll("^\\s*[0-9]+th gen\\b", " ")
        .replaceAll("\\b(cpu|processor)\\b", " ")
        .trim().replaceAll("\\s+", " ");
  }
}
