package robustperf.analysis.report.figure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What each target accuracy would cost, per catalog GPU: the point estimate with a whisker from
 * the interval's low to its high end, on a log scale. An interval without an upper end draws its
 * lower half only.
 */
public final class CostToTargetChart {
  private CostToTargetChart() {}

  /**
   * @param gpu the catalog GPU
   * @param targetPct the target accuracy, percent
   * @param value the point estimate
   * @param low the interval's low end
   * @param high its high end, null when unbounded
   */
  public record Estimate(String gpu, double targetPct, double value, double low, Double high) {}

  /**
   * @param title chart title
   * @param yAxis the quantity with its unit
   * @param estimates the estimates
   * @return the chart: one marker series per GPU, whiskers unlisted
   */
  public static XYChart of(String title, String yAxis, List<Estimate> estimates) {
    if (estimates.isEmpty()) {
      throw new IllegalArgumentException("no estimate to draw for " + title);
    }
    XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
        .xAxisTitle("target accuracy (%); GPUs side by side; whiskers: 95% interval, lower half only where it has no upper end").yAxisTitle(yAxis + " (log scale)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("0.#E0");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    Map<String, List<Estimate>> byGpu = new LinkedHashMap<>();
    estimates.forEach(e -> byGpu.computeIfAbsent(e.gpu(), k -> new java.util.ArrayList<>()).add(e));
    int k = 0;
    for (Map.Entry<String, List<Estimate>> g : byGpu.entrySet()) {
      // GPUs are offset along x so their whiskers do not overlap.
      double offset = 0.25 * (k - (byGpu.size() - 1) / 2.0);
      List<Estimate> es = g.getValue();
      XYSeries s = chart.addSeries(g.getKey(), es.stream().mapToDouble(e -> e.targetPct() + offset).toArray(),
          es.stream().mapToDouble(Estimate::value).toArray());
      java.awt.Color color = chart.getStyler().getSeriesColors()[k % chart.getStyler().getSeriesColors().length];
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(color);
      for (Estimate e : es) {
        XYSeries w = chart.addSeries(g.getKey() + " " + e.targetPct() + "% interval",
            new double[] {e.targetPct() + offset, e.targetPct() + offset}, new double[] {e.low(), e.high() == null ? e.value() : e.high()});
        w.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        w.setMarker(SeriesMarkers.NONE);
        w.setLineColor(color);
        w.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
        w.setShowInLegend(false);
      }
      k++;
    }
    return chart;
  }
}
