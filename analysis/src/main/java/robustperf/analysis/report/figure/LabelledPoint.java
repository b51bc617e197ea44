package robustperf.analysis.report.figure;

/**
 * A point to plot, with the label shown where the figure names points.
 *
 * @param label e.g. a model id
 * @param x horizontal value
 * @param y vertical value
 */
public record LabelledPoint(String label, double x, double y) {}
