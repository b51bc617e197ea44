package robustperf.analysis.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.internal.chartpart.Chart;
import robustperf.analysis.AnalyzeJob;
import robustperf.analysis.report.figure.FigureFiles;
import robustperf.analysis.report.figure.FitLine;
import robustperf.analysis.report.figure.LabelledPoint;
import robustperf.analysis.report.figure.OverheadChart;
import robustperf.analysis.report.figure.ParetoChart;
import robustperf.analysis.report.figure.TrendChart;
import robustperf.analysis.trend.LeaderboardTrendJob;
import robustperf.ingest.curated.CuratedTables;
import robustperf.records.parquet.SchemaVersion;

/**
 * Writes {@code <out>/report.html}, one self-contained page (figures embedded as PNG data URIs;
 * PNG and SVG also under {@code <out>/figures/}): Pareto fronts, progress over time, halving
 * times, and where every number came from.
 */
public final class ReportPage {
  /**
   * @param outDir the pipeline output directory (tables are read from it)
   * @param dataDir the data directory whose provenance files the report quotes
   */
  public record Options(Path outDir, Path dataDir) {}

  private final Options options;
  private final StringBuilder html = new StringBuilder();
  private final Path figures;

  public ReportPage(Options options) {
    this.options = options;
    this.figures = options.outDir().resolve("figures");
  }

  /**
   * Writes the report.
   *
   * @param spark the session
   * @return the page's path
   */
  public Path write(SparkSession spark) {
    CuratedTables tables = CuratedTables.under(options.outDir());
    html.append(Html.pageStart("RobustPerf report", "img{max-width:100%;border:1px solid #ddd}pre{background:#f6f6f6;padding:1em}"))
        .append("<p>Generated ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" (UTC). Accuracies in percent; dates in decimal years. Tables behind every figure are")
        .append(" listed in <a href=\"index.html\">index.html</a>.</p>\n");
    List<Row> entries =
        tables.read(spark, AnalyzeJob.PARETO_LEADERBOARDS).filter("on_front IS NOT NULL").orderBy("leaderboard").collectAsList();
    paretoSection(entries);
    trendSection(spark, tables);
    runsSection(spark, tables);
    provenanceSection(spark, tables);
    html.append("<script>\n// Marks the page so a headless browser can tell loaded figures from broken ones.\n")
        .append("window.addEventListener('load', () => { const imgs = [...document.images];\n")
        .append("  document.body.dataset.imagesOk = imgs.filter(i => i.complete && i.naturalWidth > 0).length;\n")
        .append("  document.body.dataset.imagesBroken = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).length; });\n")
        .append("</script>\n</body></html>\n");
    Path page = options.outDir().resolve("report.html");
    try {
      Files.writeString(page, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + page, e);
    }
    return page;
  }

  private void paretoSection(List<Row> entries) {
    html.append("<h2>Clean vs AutoAttack accuracy</h2>\n<p>Each leaderboard's entries; the line joins")
        .append(" the Pareto front: entries no other entry beats on both accuracies.</p>\n");
    for (String board : boards(entries)) {
      List<LabelledPoint> all = new ArrayList<>();
      List<LabelledPoint> front = new ArrayList<>();
      HtmlTable table = HtmlTable.create(board + ": Pareto front", "model id", "paper", "architecture", "year", "clean %", "AutoAttack %");
      for (Row r : entries) {
        if (!board.equals(r.getAs("leaderboard"))) {
          continue;
        }
        LabelledPoint p = new LabelledPoint(r.getAs("model_id"), r.<Double>getAs("clean_acc_pct"), r.<Double>getAs("autoattack_acc_pct"));
        all.add(p);
        if (r.<Boolean>getAs("on_front")) {
          front.add(p);
          table.row(r.getAs("model_id"), r.getAs("name"), r.getAs("architecture"), r.getAs("pub_year"), p.x(), p.y());
        }
      }
      figure(ParetoChart.of(board, all, front), "pareto_" + slug(board), board + " Pareto front");
      html.append(table.html());
    }
  }

  private void trendSection(SparkSession spark, CuratedTables tables) {
    List<Row> allFits = tables.read(spark, AnalyzeJob.LEADERBOARD_FITS).collectAsList();
    List<Row> fits = allFits.stream().filter(r -> "pub_date".equals(r.getAs("term"))).toList();
    List<Row> eras = tables.read(spark, AnalyzeJob.LEADERBOARD_DOUBLING).orderBy("group_value", "era_method", "from_date").collectAsList();
    List<Row> points =
        tables.read(spark, "robustbench_entries").filter(LeaderboardTrendJob.FILTER)
            .select(col("leaderboard"), col("pub_year"), col("pub_month"), col("autoattack_acc_pct"), col("model_id"))
            .collectAsList();
    html.append("<h2>Progress over time</h2>\n<p>log10(1/robust error) against the publication date")
        .append(" (arXiv id, else venue; month midpoint), with the OLS line and the tau = 0.1 quantile line")
        .append(" (the 10% of entries furthest below the trend: the least robust for their date). Entries:")
        .append(" <code>").append(Html.escape(LeaderboardTrendJob.FILTER)).append("</code>.</p>\n");
    for (String board : boards(eras)) {
      List<LabelledPoint> pts = new ArrayList<>();
      List<LabelledPoint> log2 = new ArrayList<>();
      for (Row r : points) {
        if (board.equals(r.getAs("leaderboard"))) {
          double date = LeaderboardTrendJob.decimalDate(r.getAs("pub_year"), r.getAs("pub_month"));
          double inverse = 100.0 / (100.0 - r.<Double>getAs("autoattack_acc_pct"));
          pts.add(new LabelledPoint(r.getAs("model_id"), date, Math.log10(inverse)));
          log2.add(new LabelledPoint(r.getAs("model_id"), date, Math.log(inverse) / Math.log(2)));
        }
      }
      double from = pts.stream().mapToDouble(LabelledPoint::x).min().orElse(0);
      double to = pts.stream().mapToDouble(LabelledPoint::x).max().orElse(0);
      List<FitLine> lines = new ArrayList<>();
      HtmlTable table = HtmlTable.create(board + ": fits of log10(1/error) on the date", "formula", "method", "slope per year", "95% interval", "R²", "n");
      for (Row f : fits) {
        if (!board.equals(f.getAs("group_value"))) {
          continue;
        }
        String name = "ols".equals(f.getAs("method")) ? "OLS" : "tau = " + f.getAs("tau");
        double intercept = interceptOf(allFits, f.getAs("fit_id"));
        if (f.<String>getAs("formula").startsWith("log10(1/robust")) {
          lines.add(new FitLine(name, intercept, f.getAs("estimate"), from, to));
        }
        Double low = f.getAs("ci_low");
        Double high = f.getAs("ci_high");
        table.row(f.getAs("formula"), name, f.<Double>getAs("estimate"),
            low == null ? "" : String.format("%.4g to %.4g", low, high), f.getAs("r2"), f.getAs("n"));
      }
      figure(TrendChart.of(board + ": robust error over time", "log10(1 / AutoAttack error)", pts, lines),
          "trend_" + slug(board), board + " trend");
      html.append(table.html());

      List<FitLine> eraLines = new ArrayList<>();
      HtmlTable halving = HtmlTable.create(board + ": months for the robust error to halve", "eras", "era", "n", "halving months", "95% interval", "R²");
      for (Row e : eras) {
        if (!board.equals(e.getAs("group_value"))) {
          continue;
        }
        eraLines.add(new FitLine(e.getAs("era_method") + " " + e.getAs("era"), e.getAs("intercept_log2"),
            e.getAs("slope_log2_per_year"), e.getAs("from_date"), e.getAs("to_date")));
        Double low = e.getAs("doubling_months_low");
        halving.row(e.getAs("era_method"), e.getAs("era"), e.getAs("n"), e.<Double>getAs("doubling_months"),
            low == null ? e.getAs("note") : String.format("%.0f to %.0f", low, e.<Double>getAs("doubling_months_high")),
            e.<Double>getAs("r2"));
      }
      figure(TrendChart.of(board + ": halving eras", "log2(1 / AutoAttack error)", log2, eraLines),
          "halving_" + slug(board), board + " halving eras");
      html.append(halving.html());
    }
  }

  /** Our own measured runs: what each training method costs over standard training. */
  private void runsSection(SparkSession spark, CuratedTables tables) {
    List<Row> overhead =
        tables.read(spark, AnalyzeJob.TRAINING_OVERHEAD).orderBy("dataset", "architecture", "time_ratio", "configuration").collectAsList();
    if (overhead.isEmpty()) {
      return;
    }
    html.append("<h2>What robust training costs: our measured runs</h2>\n<p>Per configuration, the seeds and repeats")
        .append(" summarized MLPerf-style (fastest and slowest dropped from three up); ratios are of those means over standard")
        .append(" training of the same model on the same machine (the range: fastest over slowest baseline and back).")
        .append(" FLOPs are counted from the passes each method makes (forward F, input-gradient backward F, weight")
        .append(" backward 2F). Energy appears only where every component was read or estimated.</p>\n");
    HtmlTable table = HtmlTable.create("Training overhead over standard training, per epoch", "configuration", "machine", "n",
        "s / epoch (min-max)", "time ratio (range)", "FLOPs ratio", "attack share of FLOPs", "energy ratio");
    for (Row r : overhead) {
      Double ratio = r.getAs("time_ratio");
      Double energy = r.getAs("energy_ratio");
      table.row(
          r.getAs("configuration"), r.getAs("hardware"), r.getAs("n"),
          String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", r.<Double>getAs("seconds_per_epoch_mean"),
              r.<Double>getAs("seconds_per_epoch_min"), r.<Double>getAs("seconds_per_epoch_max")),
          ratio == null ? "no baseline" : String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", ratio,
              r.<Double>getAs("time_ratio_min"), r.<Double>getAs("time_ratio_max")),
          r.getAs("flops_ratio") == null ? "" : String.format(Locale.ROOT, "%.2fx", r.<Double>getAs("flops_ratio")),
          String.format(Locale.ROOT, "%.0f%%", 100 * r.<Double>getAs("attack_flops_share")),
          energy == null ? "n/a: " + r.getAs("missing_reason") : String.format(Locale.ROOT, "%.2fx (%s)", energy, r.getAs("energy_provenance")));
    }
    html.append(table.html());
    List<OverheadChart.Bar> bars = overhead.stream()
        .filter(r -> r.getAs("time_ratio") != null && r.getAs("flops_ratio") != null)
        .map(r -> new OverheadChart.Bar(r.getAs("configuration"), r.<Double>getAs("time_ratio"), r.<Double>getAs("flops_ratio")))
        .toList();
    if (!bars.isEmpty()) {
      figure(OverheadChart.of("Our measured runs", bars), "training_overhead", "training overhead over standard training");
    }
  }

  private void provenanceSection(SparkSession spark, CuratedTables tables) {
    html.append("<h2>Provenance</h2>\n<p>The leaderboard figures are computed from accuracies and dates that")
        .append(" RobustBench publishes (measured by the entries' authors and RobustBench). Times, FLOPs and accuracies")
        .append(" of our runs are measured by RobustPerf on the machine named; an energy figure says whether it was")
        .append(" measured or estimated.</p>\n");
    Path provenance = options.dataDir().resolve("robustbench").resolve("PROVENANCE.md");
    if (Files.exists(provenance)) {
      try {
        html.append("<h3>RobustBench snapshot</h3>\n<pre>").append(Html.escape(Files.readString(provenance))).append("</pre>\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + provenance, e);
      }
    } else {
      html.append("<p>No provenance file at ").append(Html.escape(provenance)).append(".</p>\n");
    }
    HtmlTable inputs = HtmlTable.create("Inputs", "table", "rows");
    for (String t : List.of(CuratedTables.ROBUSTBENCH_ENTRIES, CuratedTables.ROBUSTBENCH_PARSE_ISSUES, CuratedTables.REJECTED_FILES)) {
      inputs.row(t, tables.read(spark, t).count());
    }
    html.append(inputs.html());
    HtmlTable versions = HtmlTable.create("Software", "component", "version");
    versions.row("RobustPerf", "0.1.0 (metric-record schema " + SchemaVersion.CURRENT + ")").row("Java", System.getProperty("java.version")).row("Spark", spark.version());
    html.append(versions.html());
  }

  private void figure(Chart<?, ?> chart, String name, String alt) {
    byte[] png = FigureFiles.write(chart, figures, name);
    html.append("<p><img alt=\"").append(Html.escape(alt)).append("\" src=\"").append(FigureFiles.dataUri(png))
        .append("\"><br><small>Also as <a href=\"figures/").append(name).append(".png\">PNG</a> and <a href=\"figures/")
        .append(name).append(".svg\">SVG</a>.</small></p>\n");
  }

  private static double interceptOf(List<Row> fits, String fitId) {
    return fits.stream()
        .filter(r -> fitId.equals(r.getAs("fit_id")) && "intercept".equals(r.getAs("term")))
        .mapToDouble(r -> r.<Double>getAs("estimate"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("fit " + fitId + " has no intercept row"));
  }

  private static List<String> boards(List<Row> rows) {
    return rows.stream()
        .map(r -> r.<String>getAs(r.schema().fieldNames()[0]))
        .distinct()
        .sorted()
        .toList();
  }

  private static String slug(String board) {
    return board.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }
}
