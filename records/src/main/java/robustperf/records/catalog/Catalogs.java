package robustperf.records.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The catalogs under a directory (data/catalogs): gpus.csv, cpus.csv, grid_intensity.csv,
 * prices.csv, pue.csv, everyday.csv.
 *
 * @param gpus GPU specifications
 * @param cpus CPU packages' TDPs
 * @param gridIntensities carbon intensities
 * @param prices prices
 * @param pues PUE settings
 * @param everyday everyday figures forecasts are set beside
 */
public record Catalogs(
    List<GpuSpec> gpus, List<CpuSpec> cpus, List<GridIntensity> gridIntensities, List<Price> prices, List<PueSetting> pues, List<EverydayFigure> everyday) {

  /**
   * Loads every catalog.
   *
   * @param dir the catalogs directory
   * @return the catalogs
   * @throws CatalogException naming the file and line of the first bad row
   */
  public static Catalogs load(Path dir) {
    return new Catalogs(
        rows(dir.resolve("gpus.csv"), List.of("gpu", "tdp_watts", "peak_fp32_tflops", "peak_fp16_tensor_tflops"),
            r -> new GpuSpec(r.text("gpu"), r.number("tdp_watts"), r.number("peak_fp32_tflops"), r.number("peak_fp16_tensor_tflops"), source(r, "figure_year"))),
        rows(dir.resolve("cpus.csv"), List.of("cpu", "tdp_watts", "threads", "note"),
            r -> new CpuSpec(r.text("cpu"), r.number("tdp_watts"), wholeNumber(r.number("threads")), source(r, "figure_year"), r.text("note"))),
        rows(dir.resolve("grid_intensity.csv"), List.of("region", "g_co2_per_kwh"),
            r -> new GridIntensity(r.text("region"), r.number("g_co2_per_kwh"), source(r, "year"))),
        rows(dir.resolve("prices.csv"), List.of("item", "unit", "usd_low", "usd_high"),
            r -> new Price(r.text("item"), r.text("unit"), r.number("usd_low"), r.number("usd_high"), source(r, "year"))),
        rows(dir.resolve("pue.csv"), List.of("setting", "pue"),
            r -> new PueSetting(r.text("setting"), r.number("pue"), source(r, null))),
        rows(dir.resolve("everyday.csv"), List.of("item", "quantity", "value", "year", "note"),
            r -> new EverydayFigure(r.text("item"), r.text("quantity"), r.number("value"), source(r, "year"), r.text("note"))));
  }

  /**
   * @param name a GPU product name as in gpus.csv
   * @return its specification
   * @throws IllegalArgumentException listing the known names when absent
   */
  public GpuSpec gpu(String name) {
    return gpus.stream().filter(g -> g.gpu().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no GPU '" + name + "' in the catalog; known: " + gpus.stream().map(GpuSpec::gpu).toList()));
  }

  /**
   * @param osModel the CPU model as the OS reports it
   * @return its row, if the catalog has this model
   */
  public java.util.Optional<CpuSpec> cpu(String osModel) {
    return cpus.stream().filter(c -> c.matches(osModel)).findFirst();
  }

  /**
   * @param setting a PUE setting's name as in pue.csv
   * @return its row
   * @throws IllegalArgumentException when absent
   */
  public PueSetting pue(String setting) {
    return pues.stream().filter(p -> p.setting().equals(setting)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no PUE setting '" + setting + "' in the catalog"));
  }

  /**
   * @param region a region's name as in grid_intensity.csv
   * @return its row
   * @throws IllegalArgumentException when absent
   */
  public GridIntensity gridIntensity(String region) {
    return gridIntensities.stream().filter(g -> g.region().equals(region)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no grid region '" + region + "' in the catalog"));
  }

  /** @return the catalog's electricity price (unit kwh), or null when it has none */
  public Price electricityPrice() {
    return prices.stream().filter(p -> p.unit().equals("kwh")).findFirst().orElse(null);
  }

  private static <T> List<T> rows(Path file, List<String> columns, Function<CsvRows.Row, T> make) {
    List<String> required = new java.util.ArrayList<>(columns);
    required.addAll(List.of("source", "retrieved_on"));
    return CsvRows.read(file, required).stream()
        .map(r -> {
          try {
            return make.apply(r);
          } catch (CatalogException e) {
            throw e;
          } catch (IllegalArgumentException e) {
            throw new CatalogException(r.file(), r.line(), e.getMessage());
          }
        })
        .toList();
  }

  private static int wholeNumber(double value) {
    if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("expected a whole number, got " + value);
    }
    return (int) value;
  }

  private static Source source(CsvRows.Row r, String yearColumn) {
    return new Source(r.text("source"), yearColumn == null ? null : r.optionalYear(yearColumn), r.date("retrieved_on"));
  }
}
