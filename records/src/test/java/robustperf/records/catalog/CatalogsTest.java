package robustperf.records.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.Precision;
import robustperf.records.cost.CostModel;
import robustperf.records.cost.Range;

class CatalogsTest {
  private static final Path DATA = Path.of(System.getProperty("robustperf.repo"), "data", "catalogs");

  @Test
  void theEmbeddedCatalogsLoadWithSourcesAndDates() {
    Catalogs c = Catalogs.load(DATA);
    assertEquals(5, c.gpus().size());
    assertEquals(700, c.gpu("NVIDIA H100 SXM").tdpWatts());
    assertTrue(c.gridIntensities().stream().anyMatch(g -> g.region().equals("US") && g.source().figureYear() == 2023));
    assertTrue(c.prices().stream().allMatch(p -> !p.source().citation().isBlank() && p.source().retrievedOn() != null));
    assertEquals(1.58, c.pues().get(1).pue());
    assertTrue(c.everyday().stream().anyMatch(e -> e.quantity().equals("co2_kg") && e.item().startsWith("Air travel")));
    assertTrue(c.everyday().stream().allMatch(e -> e.source().figureYear() != null && !e.note().isBlank()));
  }

  @Test
  void aCpuIsFoundUnderTheNameItsOsReportsAndOnlyUnderItsOwnModelNumber() {
    Catalogs c = Catalogs.load(DATA);
    assertTrue(c.cpus().stream().allMatch(cpu -> !cpu.note().isBlank() && cpu.source().figureYear() != null));
    CpuSpec icelake = c.cpu("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz").orElseThrow();
    assertEquals(270, icelake.tdpWatts());
    assertEquals(80, icelake.threads());
    assertEquals(280, c.cpu("AMD EPYC 7763 64-Core Processor").orElseThrow().tdpWatts());
    assertEquals(135, c.cpu("Intel(R) Xeon(R) CPU E5-2698 v4 @ 2.20GHz").orElseThrow().tdpWatts());
    assertEquals(125, c.cpu("13th Gen Intel(R) Core(TM) i9-13900K").orElseThrow().tdpWatts());
    assertEquals(350, c.cpu("Intel(R) Xeon(R) Platinum 8480+").orElseThrow().tdpWatts());
    // a neighbouring model, a masked VM name and nothing at all match no row
    assertTrue(c.cpu("Intel(R) Xeon(R) Platinum 8380H CPU @ 2.90GHz").isEmpty());
    assertTrue(c.cpu("Intel(R) Xeon(R) Platinum 83800").isEmpty());
    assertTrue(c.cpu("Intel(R) Xeon(R) Processor").isEmpty());
    assertTrue(c.cpu(null).isEmpty());
  }

  @Test
  void aCpuRowWithoutAModelNumberOrWithAFractionOfAThreadIsRefused(@TempDir Path dir) throws IOException {
    copyAll(dir);
    String header = "cpu,tdp_watts,threads,figure_year,source,retrieved_on,note\n";
    Files.writeString(dir.resolve("cpus.csv"), header + "Intel Xeon,100,8,2020,s,2026-01-01,n\n");
    assertTrue(assertThrows(CatalogException.class, () -> Catalogs.load(dir)).getMessage().contains("cpus.csv:2: a CPU row names a model number"));
    Files.writeString(dir.resolve("cpus.csv"), header + "Intel Xeon 1234,100,8.5,2020,s,2026-01-01,n\n");
    assertTrue(assertThrows(CatalogException.class, () -> Catalogs.load(dir)).getMessage().contains("cpus.csv:2: expected a whole number"));
  }

  @Test
  void anEverydayFigureWithAnUnknownQuantityIsRefused(@TempDir Path dir) throws IOException {
    copyAll(dir);
    Files.writeString(dir.resolve("everyday.csv"), "item,quantity,value,year,source,retrieved_on,note\nX,tonnes,3,2020,s,2026-01-01,n\n");
    assertTrue(assertThrows(CatalogException.class, () -> Catalogs.load(dir)).getMessage().contains("everyday.csv:2: quantity must be one of"));
  }

  @Test
  void aRowWithoutSourceIsRefusedNamingFileAndLine(@TempDir Path dir) throws IOException {
    copyAll(dir);
    Files.writeString(dir.resolve("pue.csv"), "setting,pue,source,retrieved_on\nok,1.1,somewhere,2026-01-01\nbad,1.2,,2026-01-01\n");
    CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.load(dir));
    assertTrue(e.getMessage().endsWith("pue.csv:3: column source is empty"), e.getMessage());
  }

  @Test
  void aRowWithoutDateOrWithABadNumberIsRefused(@TempDir Path dir) throws IOException {
    copyAll(dir);
    Files.writeString(dir.resolve("grid_intensity.csv"), "region,year,g_co2_per_kwh,source,retrieved_on\nX,2020,12,s,\n");
    assertTrue(assertThrows(CatalogException.class, () -> Catalogs.load(dir)).getMessage().contains("grid_intensity.csv:2: column retrieved_on is empty"));
    Files.writeString(dir.resolve("grid_intensity.csv"), "region,year,g_co2_per_kwh,source,retrieved_on\nX,2020,NaN,s,2026-01-01\n");
    assertTrue(assertThrows(CatalogException.class, () -> Catalogs.load(dir)).getMessage().contains("not a finite number"));
  }

  @Test
  void costFormulasByHand() {
    Catalogs c = Catalogs.load(DATA);
    GridIntensity us = c.gridIntensities().get(0);
    // 10 kWh at PUE 1.58 on a 369 g/kWh grid: 10 * 1.58 * 0.369 kg.
    assertEquals(5.8302, CostModel.co2Kg(10, 1.58, us), 1e-9);
    Price debenedetti = c.prices().stream().filter(p -> p.item().startsWith("GPU-hour")).findFirst().orElseThrow();
    assertEquals(new Range(43, 146), CostModel.computeUsd(100, debenedetti));
    GpuSpec a100 = c.gpu("NVIDIA A100 SXM4");
    // 1e18 FLOPs at 50% of 312 TFLOP/s: 1e18 / 1.56e14 s.
    double hours = CostModel.gpuHours(1e18, a100, Precision.fp16, 0.5);
    assertEquals(1e18 / 1.56e14 / 3600, hours, 1e-12);
    assertEquals(hours * 0.4, CostModel.boardKwh(hours, a100), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> CostModel.energyUsd(1, 1, debenedetti));
  }

  private static void copyAll(Path dir) throws IOException {
    for (String f : new String[] {"gpus.csv", "cpus.csv", "grid_intensity.csv", "prices.csv", "pue.csv", "everyday.csv"}) {
      Files.copy(DATA.resolve(f), dir.resolve(f));
    }
  }
}
