/**
 * Figures (XChart): each class builds and returns one chart from plain values; {@link
 * robustperf.analysis.report.figure.FigureFiles} writes PNG and SVG. No Spark here.
 */
package robustperf.analysis.report.figure;
