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
    return of(title, xAxis, yAxis, points, List.of(), lines);
  }

  /**
   * @param title chart title
   * @param xAxis the x axis title, with units
   * @param yAxis the y axis title, with units
   * @param points the observations fitted
   * @param excluded observations the fits leave out by the entry rule, drawn apart and named
   * @param lines fitted lines, each drawn over its own range
   * @return the chart: series "entries", "left out of the analyses" where there are any, then one per line
   */
  public static XYChart of(String title, String xAxis, String yAxis, List<LabelledPoint> points, List<LabelledPoint> excluded,
      List<FitLine> lines) {
    XYChart chart =
        new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setDecimalPattern("#.##");
    XYSeries scatter = chart.addSeries("entries", ParetoChart.xs(points), ParetoChart.ys(points));
    scatter.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    scatter.setMarker(SeriesMarkers.CIRCLE);
    addExcluded(chart, excluded);
    for (FitLine line : lines) {
      XYSeries s =
          chart.addSeries(
              line.name(), new double[] {line.from(), line.to()}, new double[] {line.at(line.from()), line.at(line.to())});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /** Grey crosses, each named: the points an analysis leaves out, shown so that a reader sees what the rule removed. */
  static void addExcluded(XYChart chart, List<LabelledPoint> excluded) {
    if (excluded.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries("left out of the analyses (unreliable, broken defence)", ParetoChart.xs(excluded), ParetoChart.ys(excluded));
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CROSS);
    s.setMarkerColor(java.awt.Color.GRAY);
    for (LabelledPoint p : excluded) {
      chart.addAnnotation(new org.knowm.xchart.AnnotationText(p.label(), p.x(), p.y(), false));
    }
  }
}
