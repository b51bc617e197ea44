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
      assertEquals(List.of(), nvml.readings(true));
    } else {
      assertNotNull(nvml.readings(true));
    }
  }

  @Test
  void memoryIsEstimatedAndLabelled() {
    EnergyReading ram = MemoryPowerEstimate.over(8 / 1.073741824, 3600);
    assertEquals(Provenance.estimated, ram.provenance());
    assertEquals(3.0 / 1000, ram.kwh(), 1e-12); // 8 GB for an hour at 3 W
  }

  private Path procStat(long user, long system, long idle, long iowait) throws IOException {
    Path file = sys.resolve("stat");
    replace(file, "cpu  " + user + " 0 " + system + " " + idle + " " + iowait + " 0 0 0 0 0\n"
        + "cpu0 1 2 3 4 5 6 7 8 0 0\nintr 123\n");
    return file;
  }

  /** Atomic, as the kernel's files are: the sampler thread must never read a half-written file. */
  private static void replace(Path file, String text) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, text);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void cpuUtilizationIsBusyOverAllJiffiesBetweenReads() throws IOException {
    CpuLoad before = CpuLoad.read(procStat(100, 50, 800, 50));
    CpuLoad after = CpuLoad.read(procStat(160, 70, 900, 70));
    // busy +80 of +200 jiffies
    assertEquals(0.4, after.utilizationSince(before), 1e-12);
    assertTrue(Double.isNaN(before.utilizationSince(before)));
    Files.writeString(sys.resolve("bad"), "intr 1 2 3\n");
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> CpuLoad.read(sys.resolve("bad")));
    assertTrue(e.getMessage().startsWith(sys.resolve("bad").toString()), e.getMessage());
  }

  @Test
  void cpuEstimateScalesTdpToTheMachinesThreadsAndSaysSo() {
    CpuPowerEstimate vm = CpuPowerEstimate.fromTdp("Xeon X", 200, 80, 2, "test catalog");
    assertEquals(5.0, vm.watts(), 1e-12);
    EnergyReading r = vm.over(0.5, 3600, null);
    assertEquals(2.5 / 1000, r.kwh(), 1e-12);
    assertEquals(Provenance.estimated, r.provenance());
    assertTrue(r.method().startsWith("tdp-x-utilization: TDP 200 W x 2/80 threads (test catalog)"), r.method());
    EnergyReading unknown = CpuPowerEstimate.unknown("Generic CPU", "not in the catalog").over(0.5, 10, null);
    assertNull(unknown.kwh());
    assertTrue(unknown.missingReason().contains("Generic CPU") && unknown.missingReason().contains("not in the catalog"));
    EnergyReading noLoad = vm.over(Double.NaN, 10, "/proc/stat unreadable");
    assertNull(noLoad.kwh());
    assertTrue(noLoad.missingReason().contains("/proc/stat unreadable"));
  }

  /**
   * The sampler on a fake sysfs tree and /proc/stat: its own thread samples at 10 Hz, the RAPL
   * counter advances and wraps between samples, and the readings are labelled per component.
   */
  @Test
  void samplerReadsOnItsOwnThreadAcrossWraps() throws Exception {
    Path pkg = domain("intel-rapl:0", "package-0", 0, 1_000_000);
    Path stat = procStat(0, 0, 1000, 0);
    EnergySampler sampler = EnergySampler.start(
        new EnergySampler.Sources(sys, stat, 8 / 1.073741824, CpuPowerEstimate.unknown("Fake CPU", "test")),
        NvmlMeter.open(),
        java.time.Duration.ofMillis(100));
    long counter = 0;
    long expected = 0;
    for (int step = 0; step < 6; step++) {
      // 600,000 uJ per step wraps the 1,000,000 range every other step; the sampler must see each.
      long next = (counter + 600_000) % 1_000_000;
      replace(pkg.resolve("energy_uj"), next + "\n");
      expected += 600_000;
      counter = next;
      long seen = sampler.samples();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (sampler.samples() < seen + 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    procStat(300, 100, 1400, 200); // 400 busy of 1000 jiffies
    List<EnergyReading> readings = sampler.stop();
    assertTrue(sampler.samples() >= 12, "samples " + sampler.samples());
    EnergyReading cpu = readings.stream().filter(r -> r.component().equals("cpu-package0")).findFirst().orElseThrow();
    assertEquals(expected / 3.6e12, cpu.kwh(), 1e-18);
    assertEquals(Provenance.measured, cpu.provenance());
    // RAPL read the package, so no CPU estimate; no DRAM domain, so RAM is estimated.
    assertTrue(readings.stream().noneMatch(r -> r.component().equals("cpu")));
    assertEquals(Provenance.estimated, readings.stream().filter(r -> r.component().equals("ram")).findFirst().orElseThrow().provenance());
    assertEquals(readings, sampler.stop(), "stop is idempotent");
  }

  @Test
  void withoutRaplTheCpuIsEstimatedFromUtilizationOrSaysWhyNot() throws Exception {
    Path stat = procStat(0, 0, 1000, 0);
    EnergySampler sampler = EnergySampler.start(
        new EnergySampler.Sources(sys.resolve("no-powercap"), stat, 1,
            CpuPowerEstimate.fromTdp("Fake CPU", 100, 4, 4, "test")),
        NvmlMeter.open(), java.time.Duration.ofMillis(50));
    Thread.sleep(200);
    procStat(250, 0, 1750, 0); // 25% busy
    List<EnergyReading> readings = sampler.stop();
    EnergyReading cpu = readings.stream().filter(r -> r.component().equals("cpu")).findFirst().orElseThrow();
    assertEquals(Provenance.estimated, cpu.provenance());
    assertTrue(cpu.kwh() > 0 && cpu.kwh() < 100 * 0.25 * 10 / 3.6e6, "kWh " + cpu.kwh());
    EnergyReading rapl = readings.stream().filter(r -> r.component().equals("rapl")).findFirst().orElseThrow();
    assertNull(rapl.kwh());
    assertTrue(rapl.missingReason().contains("does not exist"));
  }
}
