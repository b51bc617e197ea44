package robustperf.analysis.report.figure;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scaling law against training FLOPs, both axes logarithmic: the fitted and held-out points, the
 * chosen law, its conformal band, and the target error levels as horizontal lines.
 */
public final class ScalingLawChart {
  private ScalingLawChart() {}

  /**
   * @param flops training FLOPs
   * @param error the error there, a fraction
   * @param heldOut whether the extrapolation score held the point out
   */
  public record Point(double flops, double error, boolean heldOut) {}

  /**
   * @param flops training FLOPs
   * @param predicted the law
   * @param low the band's lower edge, null without a band
   * @param high its upper edge, null without a band
   */
  public record CurvePoint(double flops, double predicted, Double low, Double high) {}

  /**
   * @param title chart title
   * @param law the law's name for the legend
   * @param points the data
   * @param curve the law on a grid, in increasing FLOPs
   * @param targetErrors error levels to mark, fractions
   * @return the chart
   */
  public static XYChart of(String title, String law, List<Point> points, List<CurvePoint> curve, List<Double> targetErrors) {
    if (points.isEmpty() || curve.size() < 2) {
      throw new IllegalArgumentException("a scaling-law chart needs points and a curve: " + title);
    }
    XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
        .xAxisTitle("training FLOPs (log scale)").yAxisTitle("error (fraction, log scale)").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("0.###");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    for (boolean heldOut : new boolean[] {false, true}) {
      List<Point> ps = points.stream().filter(p -> p.heldOut() == heldOut).toList();
      if (ps.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries(heldOut ? "held out (scored)" : "fitted for the score",
          ps.stream().mapToDouble(Point::flops).toArray(), ps.stream().mapToDouble(Point::error).toArray());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(heldOut ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    }
    double[] x = curve.stream().mapToDouble(CurvePoint::flops).toArray();
    line(chart, "law: " + law + " (all points)", x, curve.stream().mapToDouble(CurvePoint::predicted).toArray(), SeriesLines.SOLID, true)
        .setLineColor(java.awt.Color.BLACK);
    if (curve.stream().allMatch(c -> c.low() != null && c.high() != null)) {
      line(chart, "90% split-conformal band (law fitted on half the points)", x, curve.stream().mapToDouble(CurvePoint::low).toArray(),
          SeriesLines.DASH_DASH, true).setLineColor(java.awt.Color.GRAY);
      line(chart, "90% conformal band (upper)", x, curve.stream().mapToDouble(CurvePoint::high).toArray(), SeriesLines.DASH_DASH, false)
          .setLineColor(java.awt.Color.GRAY);
    }
    for (double target : targetErrors) {
      line(chart, String.format(java.util.Locale.ROOT, "target %.0f%% accuracy", 100 * (1 - target)),
          new double[] {x[0], x[x.length - 1]}, new double[] {target, target}, SeriesLines.DOT_DOT, true);
    }
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y, java.awt.BasicStroke stroke, boolean legend) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(stroke);
    s.setShowInLegend(legend);
    return s;
  }
}
