package robustperf.analysis.report.figure;

import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Clean vs robust accuracy of a leaderboard's entries, with the Pareto front drawn and named. */
public final class ParetoChart {
  private ParetoChart() {}

  /**
   * @param title e.g. "cifar10/Linf"
   * @param entries every entry: x clean accuracy %, y robust accuracy %
   * @param front the entries on the front, labelled
   * @return the chart: series "entries" and "Pareto front", front points named
   */
  public static XYChart of(String title, List<LabelledPoint> entries, List<LabelledPoint> front) {
    return of(title, entries, front, List.of());
  }

  /**
   * @param title e.g. "cifar10/Linf"
   * @param entries every entry the front was computed over: x clean accuracy %, y robust accuracy %
   * @param front the entries on the front, labelled
   * @param excluded entries the analyses leave out (unreliable, broken defences), drawn apart and named
   * @return the chart: series "entries", "left out of the analyses" where there are any, and "Pareto front"
   */
  public static XYChart of(String title, List<LabelledPoint> entries, List<LabelledPoint> front, List<LabelledPoint> excluded) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(600)
            .title(title + ": clean vs AutoAttack accuracy")
            .xAxisTitle("clean accuracy (%)")
            .yAxisTitle("AutoAttack robust accuracy (%)")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setAnnotationTextFontColor(java.awt.Color.DARK_GRAY);
    XYSeries all = chart.addSeries("entries", xs(entries), ys(entries));
    all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    all.setMarker(SeriesMarkers.CIRCLE);
    TrendChart.addApart(chart, TrendChart.EXCLUDED, excluded);
    List<LabelledPoint> sorted = front.stream().sorted(Comparator.comparingDouble(LabelledPoint::x)).toList();
    if (!sorted.isEmpty()) {
      XYSeries line = chart.addSeries("Pareto front", xs(sorted), ys(sorted));
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setMarker(SeriesMarkers.DIAMOND);
      // Labels sit left of their points (the front hugs the right edge) and step down one line
      // per point, so neighbours on a crowded front stay readable.
      double xSpan = entries.stream().mapToDouble(LabelledPoint::x).max().orElse(1)
          - entries.stream().mapToDouble(LabelledPoint::x).min().orElse(0);
      double ySpan = entries.stream().mapToDouble(LabelledPoint::y).max().orElse(1)
          - entries.stream().mapToDouble(LabelledPoint::y).min().orElse(0);
      List<LabelledPoint> byHeight = sorted.stream().sorted(Comparator.comparingDouble(LabelledPoint::y).reversed()).toList();
      double labelY = Double.POSITIVE_INFINITY;
      for (LabelledPoint p : byHeight) {
        labelY = Math.min(p.y(), labelY - 0.045 * ySpan);
        chart.addAnnotation(new org.knowm.xchart.AnnotationText(p.label(), p.x() - 0.18 * xSpan, labelY, false));
      }
    }
    return chart;
  }

  static double[] xs(List<LabelledPoint> points) {
    return points.stream().mapToDouble(LabelledPoint::x).toArray();
  }

  static double[] ys(List<LabelledPoint> points) {
    return points.stream().mapToDouble(LabelledPoint::y).toArray();
  }
}
