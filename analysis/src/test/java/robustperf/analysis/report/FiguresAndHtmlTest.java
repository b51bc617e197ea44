package robustperf.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import robustperf.analysis.report.figure.FigureFiles;
import robustperf.analysis.report.figure.FitLine;
import robustperf.analysis.report.figure.LabelledPoint;
import robustperf.analysis.report.figure.OverheadChart;
import robustperf.analysis.report.figure.ParetoChart;
import robustperf.analysis.report.figure.TrendChart;

class FiguresAndHtmlTest {
  private static final List<LabelledPoint> POINTS =
      List.of(new LabelledPoint("a", 80, 40), new LabelledPoint("b", 85, 50), new LabelledPoint("c", 90, 45), new LabelledPoint("d", 70, 30));

  @Test
  void paretoChartHasEntriesAndTheFront() {
    XYChart chart = ParetoChart.of("cifar10/Linf", POINTS, List.of(POINTS.get(1), POINTS.get(2)));
    assertEquals(List.of("entries", "Pareto front"), List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals(4, chart.getSeriesMap().get("entries").getXData().length);
    assertEquals(2, chart.getSeriesMap().get("Pareto front").getXData().length);
    assertEquals("clean accuracy (%)", chart.getXAxisTitle());
  }

  @Test
  void trendChartDrawsEachLineOverItsRange() {
    XYChart chart =
        TrendChart.of("t", "log10(1 / error)", POINTS, List.of(new FitLine("OLS", 1, 0.5, 2018, 2024), new FitLine("tau = 0.1", 0, 0.5, 2019, 2024)));
    assertEquals(List.of("entries", "OLS", "tau = 0.1"), List.copyOf(chart.getSeriesMap().keySet()));
    double[] y = chart.getSeriesMap().get("OLS").getYData();
    assertEquals(1 + 0.5 * 2018, y[0], 1e-12);
    assertEquals(1 + 0.5 * 2024, y[1], 1e-12);
  }

  @Test
  void overheadChartSetsMeasuredTimeBesideCountedFlops(@TempDir Path dir) throws Exception {
    List<OverheadChart.Bar> bars = List.of(new OverheadChart.Bar("pgd-7", 7.58, 5.67), new OverheadChart.Bar("trades-beta6", 12.01, 9.0));
    org.knowm.xchart.CategoryChart chart = OverheadChart.of("fashion-mnist small-cnn", bars);
    assertEquals(List.of("time (measured)", "FLOPs (counted)"), List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals(List.of(7.58, 12.01), List.copyOf(chart.getSeriesMap().get("time (measured)").getYData()));
    assertEquals(List.of("pgd-7", "trades-beta6"), List.copyOf(chart.getSeriesMap().get("FLOPs (counted)").getXData()));
    FigureFiles.write(chart, dir, "overhead");
    assertTrue(Files.size(dir.resolve("overhead.png")) > 1000);
    assertThrows(IllegalArgumentException.class, () -> OverheadChart.of("empty", List.of()));
  }

  @Test
  void figuresAreWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
    byte[] png = FigureFiles.write(ParetoChart.of("x", POINTS, List.of()), dir, "pareto_x");
    assertTrue(Files.size(dir.resolve("pareto_x.png")) > 1000);
    assertTrue(Files.readString(dir.resolve("pareto_x.svg")).contains("<svg"));
    assertTrue(FigureFiles.dataUri(png).startsWith("data:image/png;base64,iVBORw0KGgo"));
    assertThrows(IllegalArgumentException.class, () -> FigureFiles.write(ParetoChart.of("x", POINTS, List.of()), dir, "../evil"));
  }

  @Test
  void tablesEscapeEveryCell() {
    String html = HtmlTable.create("<b>cap</b>", "h<1>").row("<script>x</script>", 2.5, 3).html();
    assertTrue(html.contains("&lt;b&gt;cap&lt;/b&gt;"), html);
    assertTrue(html.contains("<td>&lt;script&gt;x&lt;/script&gt;</td>"), html);
    assertTrue(html.contains("<td class=\"n\">2.500</td>"), html);
    assertTrue(!html.contains("<script>"), html);
  }
}
