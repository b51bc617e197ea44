package robustperf.train.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.EnergyReading;
import robustperf.records.Provenance;

class MetersTest {
  @TempDir Path sys;

  private Path domain(String dir, String name, long energy, long max) throws IOException {
    Path d = Files.createDirectories(sys.resolve(dir));
    Files.writeString(d.resolve("name"), name + "\n");
    Files.writeString(d.resolve("energy_uj"), energy + "\n");
    Files.writeString(d.resolve("max_energy_range_uj"), max + "\n");
    return d;
  }

  @Test
  void raplCountsAcrossAWrap() throws IOException {
    Path pkg = domain("intel-rapl:0", "package-0", 900_000, 1_000_000);
    Path dram = domain("intel-rapl:0:0", "dram", 10, 1_000_000);
    RaplMeter meter = RaplMeter.open(sys);
    Files.writeString(pkg.resolve("energy_uj"), "950000\n");
    Files.writeString(dram.resolve("energy_uj"), "20\n");
    meter.sample();
    Files.writeString(pkg.resolve("energy_uj"), "100000\n"); // wrapped at 1,000,000
    meter.sample();
    List<EnergyReading> r = meter.readings();
    assertEquals("cpu-package0", r.get(0).component());
    // 50,000 + (100,000 + 1,000,000 - 950,000) = 200,000 uJ
    assertEquals(200_000 / 3.6e12, r.get(0).kwh(), 1e-20);
    assertEquals("dram0", r.get(1).component());
    assertEquals(10 / 3.6e12, r.get(1).kwh(), 1e-22);
    assertTrue(r.stream().allMatch(e -> e.provenance() == Provenance.measured && e.method().equals("rapl")));
  }

  @Test
  void anUnreadableCounterGivesNullWithAReason() throws IOException {
    Path pkg = domain("intel-rapl:0", "package-0", 5, 1000);
    RaplMeter meter = RaplMeter.open(sys);
    Files.delete(pkg.resolve("energy_uj"));
    Files.createDirectory(pkg.resolve("energy_uj")); // reading now fails
    meter.sample();
    EnergyReading r = meter.readings().get(0);
    assertNull(r.kwh());
    assertTrue(r.missingReason().startsWith("cannot read " + pkg.resolve("energy_uj")), r.missingReason());
    assertTrue(RaplMeter.reason(pkg, new AccessDeniedException("x")).startsWith("permission denied reading"));
  }

  @Test
  void noPowercapTreeIsSaid() {
    RaplMeter meter = RaplMeter.open(sys.resolve("absent"));
    EnergyReading r = meter.readings().get(0);
    assertNull(r.kwh());
    assertTrue(r.missingReason().contains("does not exist"), r.missingReason());
  }

  @Test
  void withoutNvmlTheMeterSaysWhyAndReadsNothing() {
    NvmlMeter nvml = NvmlMeter.open();
    // This machine and CI have no NVIDIA driver; on a GPU machine the reason is null instead.
    if (nvml.unavailable() != null) {
      assertTrue(nvml.unavailable().contains("nvidia") || nvml.unavailable().contains("nvml"), nvml.unavailable());
      assertEquals(List.of(), nvml.readings());
    } else {
      assertNotNull(nvml.readings());
    }
  }

  @Test
  void memoryIsEstimatedAndLabelled() {
    EnergyReading ram = MemoryPowerEstimate.over(8 / 1.073741824, 3600);
    assertEquals(Provenance.estimated, ram.provenance());
    assertEquals(3.0 / 1000, ram.kwh(), 1e-12); // 8 GB for an hour at 3 W
  }
}
