package robustperf.records;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The energy of an interval from its per-component readings, by one rule used everywhere (epoch
 * tables, inference benchmarks): CPU = the RAPL package counters where any reads, else the "cpu"
 * estimate; memory = the RAPL dram counters where any reads, else the "ram" estimate; plus every
 * GPU. RAPL sub-domains (core, uncore, psys) are inside the package and never added. The total is
 * null, with the reason, when the CPU, the memory or any GPU has no value.
 *
 * @param kwh the total, or null
 * @param provenance measured when every part was measured, else estimated; null with kwh
 * @param missingReason why kwh is null; null when it is present
 */
public record EnergyTotal(Double kwh, Provenance provenance, String missingReason) {

  /**
   * @param readings one interval's readings
   * @return their total by the rule above
   */
  public static EnergyTotal of(List<EnergyReading> readings) {
    List<EnergyReading> parts = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    pick(readings, r -> r.component().startsWith("cpu-package"), r -> r.component().equals("cpu"), "cpu", parts, missing);
    pick(readings, r -> r.component().startsWith("dram"), r -> r.component().equals("ram"), "memory", parts, missing);
    for (EnergyReading r : readings) {
      if (r.component().startsWith("gpu")) {
        if (r.kwh() == null) {
          missing.add(r.component() + ": " + r.missingReason());
        } else {
          parts.add(r);
        }
      }
    }
    if (!missing.isEmpty()) {
      return new EnergyTotal(null, null, String.join("; ", missing));
    }
    double kwh = parts.stream().mapToDouble(EnergyReading::kwh).sum();
    boolean measured = parts.stream().allMatch(r -> r.provenance() == Provenance.measured);
    return new EnergyTotal(kwh, measured ? Provenance.measured : Provenance.estimated, null);
  }

  /** Adds the counters that read, else the estimate, else records why neither is there. */
  private static void pick(
      List<EnergyReading> readings, Predicate<EnergyReading> counter, Predicate<EnergyReading> estimate, String what,
      List<EnergyReading> parts, List<String> missing) {
    List<EnergyReading> counted = readings.stream().filter(counter).filter(r -> r.kwh() != null).toList();
    if (!counted.isEmpty()) {
      parts.addAll(counted);
      return;
    }
    List<EnergyReading> estimated = readings.stream().filter(estimate).filter(r -> r.kwh() != null).toList();
    if (!estimated.isEmpty()) {
      parts.addAll(estimated);
      return;
    }
    List<String> why = readings.stream()
        .filter(counter.or(estimate).or(r -> what.equals("cpu") && r.component().equals("rapl")))
        .filter(r -> r.kwh() == null)
        .map(r -> r.component() + ": " + r.missingReason())
        .toList();
    missing.add(why.isEmpty() ? what + ": no reading" : String.join("; ", why));
  }
}
