package robustperf.analysis.report.figure;

import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * What robust training costs per epoch over standard training of the same model on the same
 * machine, per configuration: the measured time ratio beside the counted FLOPs ratio, as grouped
 * bars (the gap between them is what FLOP-based projections miss).
 */
public final class OverheadChart {
  private OverheadChart() {}

  /**
   * @param configuration the configuration's name
   * @param timeRatio seconds per epoch over standard training's (measured)
   * @param flopsRatio training FLOPs per epoch over standard training's (counted)
   */
  public record Bar(String configuration, double timeRatio, double flopsRatio) {}

  /**
   * @param title e.g. "fashion-mnist small-cnn"
   * @param bars one per configuration, in the order drawn
   * @return the chart: series "time (measured)" and "FLOPs (counted)"
   */
  public static CategoryChart of(String title, List<Bar> bars) {
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("no configuration to draw for " + title);
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(600)
            .title(title + ": cost per epoch over standard training")
            .xAxisTitle("configuration")
            .yAxisTitle("ratio to standard training (x)")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisLabelRotation(30);
    List<String> names = bars.stream().map(Bar::configuration).toList();
    chart.addSeries("time (measured)", names, bars.stream().map(Bar::timeRatio).toList());
    chart.addSeries("FLOPs (counted)", names, bars.stream().map(Bar::flopsRatio).toList());
    return chart;
  }
}
