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
 * one stack per layer category of the weight update ("update: convolution", ...), then the attack
 * in two stacks: its operators of all layers, and its time outside any operator.
 */
public final class LayerTimeChart {
  private LayerTimeChart() {}

  /**
   * One layer category of one configuration.
   *
   * @param configuration the bar
   * @param category the layer category, or the time outside any operator
   * @param outsideOperators whether this is the time outside any operator
   * @param updateMs the update's milliseconds per batch (step minus attack)
   * @param attackMs the attack's, null without an attack
   */
  public record Part(String configuration, String category, boolean outsideOperators, double updateMs, Double attackMs) {}

  /**
   * @param title chart title
   * @param parts the parts, bars in order of first appearance; a bar without a stack gets 0 there
   * @return the stacked chart
   */
  public static CategoryChart of(String title, List<Part> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no segment to draw for " + title);
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(600).title(title)
        .xAxisTitle("configuration").yAxisTitle("milliseconds per batch (measured, profiler on)").build();
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisLabelRotation(30);
    List<String> configurations = parts.stream().map(Part::configuration).distinct().toList();
    Map<String, double[]> stacks = new LinkedHashMap<>();
    for (Part p : parts) {
      add(stacks, configurations, p.configuration(), "update: " + p.category(), p.updateMs());
    }
    // The attack's stacks go on top of every update stack.
    for (Part p : parts) {
      add(stacks, configurations, p.configuration(), p.outsideOperators() ? "attack: outside operators" : "attack: all layers",
          p.attackMs() == null ? 0 : p.attackMs());
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

  private static void add(Map<String, double[]> stacks, List<String> configurations, String configuration, String stack, double ms) {
    stacks.computeIfAbsent(stack, k -> new double[configurations.size()])[configurations.indexOf(configuration)] += ms;
  }
}
