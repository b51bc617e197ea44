package robustperf.analysis.report.figure;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Points with fitted lines: regression trends on the date, doubling eras, and log10(1/error) on
 * log10 compute alike.
 */
public final class TrendChart {
  private TrendChart() {}

  /**
   * @param title chart title
   * @param yAxis the y axis title, with units
   * @param points the observations (x: publication date in decimal years)
   * @param lines fitted lines, each drawn over its own range
   * @return the chart: series "entries" then one per line, named as the lines
   * @throws IllegalArgumentException when two lines share a name
   */
  public static XYChart of(String title, String yAxis, List<LabelledPoint> points, List<FitLine> lines) {
    return of(title, "publication date (year)", yAxis, points, lines);
  }

  /**
   * @param title chart title
   * @param xAxis the x axis title, with units
   * @param yAxis the y axis title, with units
   * @param points the observations
   * @param lines fitted lines, each drawn over its own range
   * @return the chart: series "entries" then one per line
   */
  public static XYChart of(String title, String xAxis, String yAxis, List<LabelledPoint> points, List<FitLine> lines) {
    XYChart chart =
        new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setDecimalPattern("#.##");
    XYSeries scatter = chart.addSeries("entries", ParetoChart.xs(points), ParetoChart.ys(points));
    scatter.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    scatter.setMarker(SeriesMarkers.CIRCLE);
    for (FitLine line : lines) {
      XYSeries s =
          chart.addSeries(
              line.name(), new double[] {line.from(), line.to()}, new double[] {line.at(line.from()), line.at(line.to())});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
