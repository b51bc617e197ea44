package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.train.meter.CpuPowerEstimate;

class CpuPowerOptionsTest {
  private static final Path CATALOGS = Path.of(System.getProperty("robustperf.repo"), "data", "catalogs");

  private static CpuPowerOptions options(Path catalogs) {
    CpuPowerOptions o = new CpuPowerOptions();
    o.catalogs = catalogs;
    return o;
  }

  @Test
  void aCatalogCpuIsChargedItsShareOfThePackagesTdpWithTheSourceNamed() {
    // a 2-vCPU VM on a 128-thread EPYC 7763 (280 W)
    CpuPowerEstimate vm = options(CATALOGS).model("AMD EPYC 7763 64-Core Processor", 2);
    assertEquals(280.0 * 2 / 128, vm.watts(), 1e-12);
    assertTrue(vm.basis().startsWith("TDP 280 W x 2/128 threads (cpus.csv row 'AMD EPYC 7763': AMD, AMD EPYC 7763 product"),
        vm.basis());
    assertTrue(vm.basis().endsWith("(2021, taken 2026-11-30))"), vm.basis());
  }

  @Test
  void aCpuMissingFromTheCatalogGetsNoWattsButItsReason(@TempDir Path empty) {
    CpuPowerEstimate masked = options(CATALOGS).model("Intel(R) Xeon(R) Processor", 2);
    assertNull(masked.watts());
    assertTrue(masked.basis().contains("no row for it in") && masked.basis().contains("--cpu-tdp"), masked.basis());
    assertTrue(masked.over(0.5, 10, null).missingReason().contains("Intel(R) Xeon(R) Processor"));
    CpuPowerEstimate noCatalog = options(empty).model("AMD EPYC 7763 64-Core Processor", 2);
    assertNull(noCatalog.watts());
    assertTrue(noCatalog.basis().startsWith("no CPU catalog at " + empty.resolve("cpus.csv")), noCatalog.basis());
  }

  @Test
  void aTdpGivenOnTheCommandLineWinsAndNeedsItsSource() {
    CpuPowerOptions given = options(CATALOGS);
    given.cpuTdp = 100.0;
    given.cpuThreads = 4;
    given.cpuTdpSource = "datasheet, 2026";
    assertEquals(50.0, given.model("AMD EPYC 7763 64-Core Processor", 2).watts(), 1e-12);
    given.cpuTdpSource = null;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> given.model("x", 2));
    assertTrue(e.getMessage().contains("a TDP needs its source"), e.getMessage());
  }
}
