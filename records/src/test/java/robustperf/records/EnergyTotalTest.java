package robustperf.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyTotalTest {
  private static EnergyReading measured(String component, double kwh) {
    return new EnergyReading(component, kwh, Provenance.measured, "rapl", null);
  }

  private static EnergyReading estimated(String component, double kwh) {
    return new EnergyReading(component, kwh, Provenance.estimated, "model", null);
  }

  private static EnergyReading absent(String component, String why) {
    return new EnergyReading(component, null, Provenance.measured, "rapl", why);
  }

  @Test
  void countersWinOverEstimatesAndSubDomainsAreNotAdded() {
    EnergyTotal t = EnergyTotal.of(List.of(
        measured("cpu-package0", 1.0), measured("core0", 0.6), measured("dram0", 0.2), estimated("ram", 0.3),
        measured("gpu0", 2.0)));
    assertEquals(3.2, t.kwh(), 1e-12);
    assertEquals(Provenance.measured, t.provenance());
  }

  @Test
  void estimatesStandInForUnreadableCountersAndSaySo() {
    EnergyTotal t = EnergyTotal.of(List.of(
        absent("cpu-package0", "permission denied"), estimated("cpu", 0.5), estimated("ram", 0.1)));
    assertEquals(0.6, t.kwh(), 1e-12);
    assertEquals(Provenance.estimated, t.provenance());
  }

  @Test
  void aMissingPartNullsTheTotalWithTheReasons() {
    EnergyTotal t = EnergyTotal.of(List.of(
        absent("rapl", "/sys/class/powercap does not exist"),
        new EnergyReading("cpu", null, Provenance.estimated, "tdp-x-utilization", "no TDP for CPU 'X'"),
        estimated("ram", 0.1)));
    assertNull(t.kwh());
    assertNull(t.provenance());
    assertTrue(t.missingReason().contains("does not exist") && t.missingReason().contains("no TDP"), t.missingReason());
    EnergyTotal gpu = EnergyTotal.of(List.of(measured("cpu-package0", 1), estimated("ram", 0.1), absent("gpu1", "no counter")));
    assertEquals("gpu1: no counter", gpu.missingReason());
  }
}
