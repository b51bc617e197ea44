package robustperf.analysis.report.figure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes a chart as PNG and SVG, and gives its PNG as a data URI for a self-contained page. */
public final class FigureFiles {
  private FigureFiles() {}

  /**
   * @param chart the chart
   * @param dir directory for the files
   * @param name file name without extension, lower_snake_case
   * @return the PNG bytes, also written to {@code dir/name.png}, with {@code dir/name.svg} beside
   */
  public static byte[] write(Chart<?, ?> chart, Path dir, String name) {
    if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
      throw new IllegalArgumentException("figure name '" + name + "' must be lower-case letters, digits, _ or -");
    }
    try {
      Files.createDirectories(dir);
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      Files.write(dir.resolve(name + ".png"), png);
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, dir.resolve(name).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write figure " + name + " to " + dir, e);
    }
  }

  /** @return the PNG as a data URI for an img src */
  public static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
