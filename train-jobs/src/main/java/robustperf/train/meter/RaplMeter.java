package robustperf.train.meter;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import robustperf.records.EnergyReading;
import robustperf.records.Provenance;

/**
 * CPU package and DRAM energy from Intel/AMD RAPL counters (powercap sysfs). Counters are in
 * microjoules and wrap at max_energy_range_uj; {@link #sample()} must run more often than a wrap
 * (minutes at full load), which the 1 Hz sampler guarantees. Not thread-safe: one sampler thread.
 */
public final class RaplMeter {
  /** One RAPL domain: a package, or a sub-domain such as dram. */
  private static final class Domain {
    final String component;
    final Path counter;
    final long maxRange;
    long last;
    long accumulated;
    String failure;

    Domain(String component, Path counter, long maxRange, long first) {
      this.component = component;
      this.counter = counter;
      this.maxRange = maxRange;
      this.last = first;
    }
  }

  private final List<Domain> domains;
  private final Map<String, String> unreadable;

  private RaplMeter(List<Domain> domains, Map<String, String> unreadable) {
    this.domains = domains;
    this.unreadable = unreadable;
  }

  /**
   * Finds the RAPL domains and takes their first readings.
   *
   * @param powercap usually /sys/class/powercap
   * @return the meter; {@link #unreadable()} says which domains (or the whole tree) could not be read
   */
  public static RaplMeter open(Path powercap) {
    List<Domain> domains = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    if (!Files.isDirectory(powercap)) {
      unreadable.put("rapl", powercap + " does not exist: no RAPL on this machine or kernel");
      return new RaplMeter(domains, unreadable);
    }
    try (Stream<Path> dirs = Files.list(powercap)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("intel-rapl:\\d+(:\\d+)?")).sorted().toList()) {
        String component = component(dir);
        try {
          long max = Long.parseLong(Files.readString(dir.resolve("max_energy_range_uj")).trim());
          long first = Long.parseLong(Files.readString(dir.resolve("energy_uj")).trim());
          domains.add(new Domain(component, dir.resolve("energy_uj"), max, first));
        } catch (IOException | NumberFormatException e) {
          unreadable.put(component, reason(dir, e));
        }
      }
    } catch (IOException e) {
      unreadable.put("rapl", reason(powercap, e));
    }
    if (domains.isEmpty() && unreadable.isEmpty()) {
      unreadable.put("rapl", "no intel-rapl domains under " + powercap);
    }
    return new RaplMeter(domains, unreadable);
  }

  /** Reads every counter and adds what it advanced since the last read, across a wrap. */
  public void sample() {
    for (Domain d : domains) {
      if (d.failure != null) {
        continue;
      }
      try {
        long now = Long.parseLong(Files.readString(d.counter).trim());
        d.accumulated += now >= d.last ? now - d.last : now + d.maxRange - d.last;
        d.last = now;
      } catch (IOException | NumberFormatException e) {
        d.failure = reason(d.counter, e);
      }
    }
  }

  /**
   * @return one reading per domain since {@link #open}: measured kWh, or null with the reason
   */
  public List<EnergyReading> readings() {
    List<EnergyReading> out = new ArrayList<>();
    for (Domain d : domains) {
      out.add(d.failure == null
          ? new EnergyReading(d.component, d.accumulated / 3.6e12, Provenance.measured, "rapl", null)
          : new EnergyReading(d.component, null, Provenance.measured, "rapl", d.failure));
    }
    unreadable.forEach((component, why) -> out.add(new EnergyReading(component, null, Provenance.measured, "rapl", why)));
    return out;
  }

  /** @return domains (or "rapl" for the tree) that could not be opened, with reasons */
  public Map<String, String> unreadable() {
    return Map.copyOf(unreadable);
  }

  /** "cpu-package0" for intel-rapl:0, "dram0" (its name file) for intel-rapl:0:0. */
  private static String component(Path dir) {
    String[] parts = dir.getFileName().toString().split(":");
    String name;
    try {
      name = Files.readString(dir.resolve("name")).trim();
    } catch (IOException e) {
      name = "domain";
    }
    if (parts.length == 2) {
      return "cpu-package" + parts[1];
    }
    return name.replaceAll("[^A-Za-z0-9]+", "-") + parts[1];
  }

  static String reason(Path where, Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied reading " + where
          + " (since Linux 5.10 energy_uj is root-only: run as root or grant read access)";
    }
    return "cannot read " + where + ": " + e;
  }
}
