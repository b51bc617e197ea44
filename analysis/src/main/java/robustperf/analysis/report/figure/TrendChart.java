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
    return of(title, xAxis, yAxis, points, excluded, EXCLUDED, lines);
  }

  /**
   * @param title chart title
   * @param xAxis the x axis title, with units
   * @param yAxis the y axis title, with units
   * @param points the observations, as circles
   * @param apart observations drawn apart as grey crosses (named where there are few)
   * @param apartLabel their legend entry
   * @param lines fitted lines, each drawn over its own range
   * @return the chart
   */
  public static XYChart of(String title, String xAxis, String yAxis, List<LabelledPoint> points, List<LabelledPoint> apart,
      String apartLabel, List<FitLine> lines) {
    XYChart chart =
        new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setDecimalPattern("#.##");
    if (!points.isEmpty()) { // every point may be drawn apart
      XYSeries scatter = chart.addSeries("entries", ParetoChart.xs(points), ParetoChart.ys(points));
      scatter.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      scatter.setMarker(SeriesMarkers.CIRCLE);
    }
    addApart(chart, apartLabel, apart);
    for (FitLine line : lines) {
      XYSeries s =
          chart.addSeries(
              line.name(), new double[] {line.from(), line.to()}, new double[] {line.at(line.from()), line.at(line.to())});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /** The legend entry of the points the entry rule leaves out. */
  static final String EXCLUDED = "left out of the analyses (unreliable, broken defence)";

  /** Most points drawn apart that are still named one by one. */
  private static final int NAMED_AT_MOST = 12;

  /**
   * Grey crosses: points drawn apart (those an analysis leaves out, or that rest on weaker
   * figures), so that a reader sees what a rule removed; named where there are few.
   */
  static void addApart(XYChart chart, String label, List<LabelledPoint> apart) {
    if (apart.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(label, ParetoChart.xs(apart), ParetoChart.ys(apart));
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CROSS);
    s.setMarkerColor(java.awt.Color.GRAY);
    if (apart.size() <= NAMED_AT_MOST) {
      for (LabelledPoint p : apart) {
        chart.addAnnotation(new org.knowm.xchart.AnnotationText(p.label(), p.x(), p.y(), false));
      }
    }
  }
}
