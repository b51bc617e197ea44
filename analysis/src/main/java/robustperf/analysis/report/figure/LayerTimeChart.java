package robustperf.analysis.report.figure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Where a training step's time goes, per configuration: stacked bars of milliseconds per batch,
 * one stack per layer category of the weight update, one for the whole attack, one for the time
 * outside any operator.
 */
public final class LayerTimeChart {
  private LayerTimeChart() {}

  /**
   * @param configuration the bar
   * @param stack the stack within it, e.g. "convolution" or "attack (all layers)"
   * @param msPerBatch its height
   */
  public record Segment(String configuration, String stack, double msPerBatch) {}

  /**
   * @param title chart title
   * @param segments the segments; a configuration without a stack gets 0 there
   * @return the stacked chart
   */
  public static CategoryChart of(String title, List<Segment> segments) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("no segment to draw for " + title);
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(600).title(title)
        .xAxisTitle("configuration").yAxisTitle("milliseconds per batch (measured, profiler on)").build();
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisLabelRotation(30);
    List<String> configurations = segments.stream().map(Segment::configuration).distinct().toList();
    Map<String, double[]> stacks = new LinkedHashMap<>();
    for (Segment s : segments) {
      stacks.computeIfAbsent(s.stack(), k -> new double[configurations.size()])[configurations.indexOf(s.configuration())] += s.msPerBatch();
    }
    for (Map.Entry<String, double[]> stack : stacks.entrySet()) {
      List<Double> heights = new ArrayList<>();
      for (double v : stack.getValue()) {
        heights.add(v);
      }
      chart.addSeries(stack.getKey(), configurations, heights);
    }
    return chart;
  }
}
