package robustperf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import robustperf.records.catalog.Catalogs;
import robustperf.records.catalog.EverydayFigure;
import robustperf.records.catalog.GpuSpec;
import robustperf.records.catalog.GridIntensity;
import robustperf.records.catalog.Price;
import robustperf.records.catalog.PueSetting;
import robustperf.records.catalog.Source;

/** {@code robustperf catalogs}: checks and prints the cost catalogs with their sources. */
@Command(
    name = "catalogs",
    mixinStandardHelpOptions = true,
    description = "Load and print the catalogs under <data>/catalogs (GPUs, grid intensity, prices, PUE, everyday figures) with sources and dates.")
public final class CatalogsCommand implements Callable<Integer> {
  @Mixin PipelinePaths paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path dir = paths.data().resolve("catalogs");
    Catalogs c = Catalogs.load(dir);
    PrintWriter out = spec.commandLine().getOut();
    out.println("GPUs (" + dir.resolve("gpus.csv") + ")");
    for (GpuSpec g : c.gpus()) {
      out.printf("  %-20s %6.0f W  FP32 %6.1f TFLOP/s  FP16 tensor %6.0f TFLOP/s  [%s]%n",
          g.gpu(), g.tdpWatts(), g.peakFp32Tflops(), g.peakFp16TensorTflops(), cite(g.source()));
    }
    out.println("Grid carbon intensity (" + dir.resolve("grid_intensity.csv") + ")");
    for (GridIntensity g : c.gridIntensities()) {
      out.printf("  %-28s %5.0f gCO2/kWh  [%s]%n", g.region(), g.gramsCo2PerKwh(), cite(g.source()));
    }
    out.println("Prices (" + dir.resolve("prices.csv") + ")");
    for (Price p : c.prices()) {
      out.printf("  %-48s %8.3f-%-8.3f USD/%s  [%s]%n", p.item(), p.usdLow(), p.usdHigh(), p.unit(), cite(p.source()));
    }
    out.println("PUE (" + dir.resolve("pue.csv") + ")");
    for (PueSetting p : c.pues()) {
      out.printf("  %-44s %5.2f  [%s]%n", p.setting(), p.pue(), cite(p.source()));
    }
    out.println("Everyday figures (" + dir.resolve("everyday.csv") + ")");
    for (EverydayFigure e : c.everyday()) {
      out.printf("  %-64s %12.4g %-6s [%s; %s]%n", e.item(), e.value(), e.quantity(), cite(e.source()), e.note());
    }
    return ExitCodes.OK;
  }

  private static String cite(Source s) {
    return s.citation() + (s.figureYear() == null ? "" : ", " + s.figureYear()) + "; taken " + s.retrievedOn();
  }
}
