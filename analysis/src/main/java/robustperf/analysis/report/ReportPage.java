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
import robustperf.analysis.cost.LayerTimeBreakdownJob;
import robustperf.analysis.report.figure.CostToTargetChart;
import robustperf.analysis.report.figure.FigureFiles;
import robustperf.analysis.report.figure.FitLine;
import robustperf.analysis.report.figure.LabelledPoint;
import robustperf.analysis.report.figure.LayerTimeChart;
import robustperf.analysis.report.figure.OverheadChart;
import robustperf.analysis.report.figure.ParetoChart;
import robustperf.analysis.report.figure.ScalingLawChart;
import robustperf.analysis.report.figure.TrendChart;
import robustperf.analysis.trend.LeaderboardTrendJob;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.robustbench.EntryExclusion;
import robustperf.tables.PipelineTables;
import robustperf.records.catalog.Catalogs;
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
        PipelineTables.PARETO_LEADERBOARDS.read(spark, tables).filter("on_front IS NOT NULL OR analysis_exclusion IS NOT NULL")
            .orderBy("leaderboard", "model_id").collectAsList();
    paretoSection(entries);
    trendSection(spark, tables);
    leaderboardComputeSection(spark, tables);
    runsSection(spark, tables);
    forecastSection(spark, tables);
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
        .append(" the Pareto front: entries no other entry beats on both accuracies. Grey crosses are entries every analysis")
        .append(" leaves out by one rule (").append(Html.escape(EntryExclusion.RULE)).append("); they are listed under each front.</p>\n");
    for (String board : boards(entries)) {
      List<LabelledPoint> all = new ArrayList<>();
      List<LabelledPoint> front = new ArrayList<>();
      List<LabelledPoint> excluded = new ArrayList<>();
      HtmlTable table = HtmlTable.create(board + ": Pareto front", "model id", "paper", "architecture", "year", "clean %", "AutoAttack %");
      HtmlTable left = HtmlTable.create(board + ": left out of the analyses", "model id", "paper", "as", "why", "clean %", "AutoAttack %");
      for (Row r : entries) {
        if (!board.equals(r.getAs("leaderboard"))) {
          continue;
        }
        LabelledPoint p = new LabelledPoint(r.getAs("model_id"), r.<Double>getAs("clean_acc_pct"), r.<Double>getAs("autoattack_acc_pct"));
        if (r.getAs("analysis_exclusion") != null) {
          excluded.add(p);
          left.row(r.getAs("model_id"), r.getAs("name"), r.getAs("analysis_exclusion"), r.getAs("analysis_exclusion_reason"), p.x(), p.y());
          continue;
        }
        all.add(p);
        if (r.<Boolean>getAs("on_front")) {
          front.add(p);
          table.row(r.getAs("model_id"), r.getAs("name"), r.getAs("architecture"), r.getAs("pub_year"), p.x(), p.y());
        }
      }
      figure(ParetoChart.of(board, all, front, excluded), "pareto_" + slug(board), board + " Pareto front");
      html.append(table.html());
      if (!excluded.isEmpty()) {
        html.append(left.html());
      }
    }
  }

  private void trendSection(SparkSession spark, CuratedTables tables) {
    List<Row> allFits = PipelineTables.LEADERBOARD_FITS.read(spark, tables).collectAsList();
    List<Row> fits = allFits.stream().filter(r -> "pub_date".equals(r.getAs("term"))).toList();
    List<Row> eras = PipelineTables.LEADERBOARD_DOUBLING.read(spark, tables).orderBy("group_value", "era_method", "from_date").collectAsList();
    List<Row> points =
        PipelineTables.ROBUSTBENCH_ENTRIES.read(spark, tables).filter(LeaderboardTrendJob.DATED)
            .select(col("leaderboard"), col("pub_year"), col("pub_month"), col("autoattack_acc_pct"), col("model_id"),
                col("analysis_exclusion"))
            .orderBy("leaderboard", "model_id")
            .collectAsList();
    html.append("<h2>Progress over time</h2>\n<p>log10(1/robust error) against the publication date")
        .append(" (arXiv id, else venue; month midpoint), with the OLS line and the tau = 0.1 quantile line")
        .append(" (the 10% of entries furthest below the trend: the least robust for their date). Entries:")
        .append(" <code>").append(Html.escape(LeaderboardTrendJob.FILTER)).append("</code>: ").append(Html.escape(EntryExclusion.RULE))
        .append(" (grey crosses, not fitted). Without that rule the broken defences would sit at the bottom of the early years:")
        .append(" the table <code>doubling_robust_error_with_broken_defences</code> gives the halving times with them.</p>\n");
    for (String board : boards(eras)) {
      List<LabelledPoint> pts = new ArrayList<>();
      List<LabelledPoint> log2 = new ArrayList<>();
      List<LabelledPoint> leftOut = new ArrayList<>();
      List<LabelledPoint> leftOutLog2 = new ArrayList<>();
      for (Row r : points) {
        if (board.equals(r.getAs("leaderboard"))) {
          double date = LeaderboardTrendJob.decimalDate(r.getAs("pub_year"), r.getAs("pub_month"));
          double inverse = 100.0 / (100.0 - r.<Double>getAs("autoattack_acc_pct"));
          boolean excluded = r.getAs("analysis_exclusion") != null;
          (excluded ? leftOut : pts).add(new LabelledPoint(r.getAs("model_id"), date, Math.log10(inverse)));
          (excluded ? leftOutLog2 : log2).add(new LabelledPoint(r.getAs("model_id"), date, Math.log(inverse) / Math.log(2)));
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
      figure(TrendChart.of(board + ": robust error over time", "publication date (year)", "log10(1 / AutoAttack error)", pts, leftOut, lines),
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
      figure(TrendChart.of(board + ": halving eras", "publication date (year)", "log2(1 / AutoAttack error)", log2, leftOutLog2, eraLines),
          "halving_" + slug(board), board + " halving eras");
      html.append(halving.html());
    }
  }

  /** The leaderboards' training compute from the sourced recipes: coverage, Thompson's fits, fronts against FLOPs. */
  private void leaderboardComputeSection(SparkSession spark, CuratedTables tables) {
    List<Row> compute = PipelineTables.LEADERBOARD_COMPUTE.read(spark, tables).orderBy("leaderboard", "model_id").collectAsList();
    if (compute.stream().noneMatch(r -> r.getAs("training_flops_central") != null)) {
      return;
    }
    html.append("<h2>Training compute of the leaderboards</h2>\n<p>Each entry's training recipe (architecture, method and attack")
        .append(" steps, epochs or steps, batch size, real and extra data) read from its paper, repository or issue threads, every")
        .append(" figure with its pinned source, locator and confidence (<code>data/compute/recipes.csv</code>, table")
        .append(" <code>compute_recipe_figures</code>); training FLOPs by one convention: ")
        .append(Html.escape(robustperf.records.compute.TrainingCompute.CONVENTION))
        .append(". Pre-training and the generators behind generated data are separate columns, not in these FLOPs. Entries whose")
        .append(" FLOPs rest on a low-confidence figure (a code default, a family rule) or on a rule that filled a gap are drawn as")
        .append(" crosses, and every fit is also made without them.</p>\n");
    HtmlTable coverage = HtmlTable.create("Coverage", "leaderboard", "entries", "core figures high/medium", "training FLOPs",
        "of those, resting on low figures or rules");
    for (String board : compute.stream().map(r -> r.<String>getAs("leaderboard")).distinct().sorted().toList()) {
      List<Row> rows = compute.stream().filter(r -> board.equals(r.getAs("leaderboard"))).toList();
      long firm = rows.stream().filter(r -> r.<Boolean>getAs("core_figures_firm")).count();
      long flops = rows.stream().filter(r -> r.getAs("training_flops_central") != null).count();
      long low = rows.stream().filter(r -> r.getAs("training_flops_central") != null && r.<Boolean>getAs("rests_on_low_figures")).count();
      coverage.row(board, rows.size(), String.format(Locale.ROOT, "%d (%.0f%%)", firm, 100.0 * firm / rows.size()), flops, low);
    }
    html.append(coverage.html());
    List<Row> fits = PipelineTables.LEADERBOARD_COMPUTE_FITS.read(spark, tables).collectAsList();
    HtmlTable fitTable = HtmlTable.create("log10(1/error) on log10(training FLOPs), per leaderboard (Thompson et al.'s form)",
        "leaderboard", "formula", "entries", "method", "term", "estimate", "95% interval", "R²", "n");
    for (String board : fits.stream().map(r -> leaderboardOf(r.getAs("group_value"))).distinct().sorted().toList()) {
      List<LabelledPoint> firmPoints = new ArrayList<>();
      List<LabelledPoint> lowPoints = new ArrayList<>();
      for (Row r : compute) {
        if (board.equals(r.getAs("leaderboard")) && r.getAs("training_flops_central") != null && r.getAs("analysis_exclusion") == null
            && r.getAs("pub_date") != null && r.<Double>getAs("autoattack_acc_pct") < 100) {
          LabelledPoint p = new LabelledPoint(r.getAs("model_id"), Math.log10(r.<Double>getAs("training_flops_central")),
              Math.log10(100 / (100 - r.<Double>getAs("autoattack_acc_pct"))));
          (r.<Boolean>getAs("rests_on_low_figures") ? lowPoints : firmPoints).add(p);
        }
      }
      List<LabelledPoint> all = new ArrayList<>(firmPoints);
      all.addAll(lowPoints);
      double from = all.stream().mapToDouble(LabelledPoint::x).min().orElse(0);
      double to = all.stream().mapToDouble(LabelledPoint::x).max().orElse(0);
      List<FitLine> lines = new ArrayList<>();
      for (Row f : fits) {
        boolean slope = "log10_training_flops".equals(f.getAs("term"));
        boolean oneVariable = f.<String>getAs("formula").equals("log10(1/robust_error) ~ log10_training_flops");
        boolean onBoard = board.equals(leaderboardOf(f.getAs("group_value")));
        String set = f.<String>getAs("group_value").substring(board.length() + 3);
        if (onBoard && slope && oneVariable) {
          lines.add(new FitLine(("ols".equals(f.getAs("method")) ? "OLS" : "tau = 0.1") + ", " + set,
              interceptOf(fits, f.getAs("fit_id")), f.getAs("estimate"), from, to));
        }
        if (onBoard && !"intercept".equals(f.getAs("term"))) {
          fitTable.row(board, f.getAs("formula"), set,
              "ols".equals(f.getAs("method")) ? "OLS" : "tau = " + f.getAs("tau"), f.getAs("term"), f.<Double>getAs("estimate"),
              range(f.getAs("ci_low"), f.getAs("ci_high")), f.getAs("r2"), f.getAs("n"));
        }
      }
      figure(TrendChart.of(board + ": AutoAttack error against training compute", "log10(training FLOPs, central estimate)",
              "log10(1 / AutoAttack error)", firmPoints, lowPoints, "FLOPs resting on low figures or rules", lines),
          "leaderboard_compute_" + slug(board), board + " robust error on training FLOPs");
    }
    html.append(fitTable.html()).append("<p><small>Crosses in the figures: FLOPs resting on low figures or rules (the")
        .append(" 'high/medium only' fits leave them out). Slope: orders of magnitude of 1/error per order of magnitude of")
        .append(" training FLOPs; with pub_date: per year at equal compute.</small></p>\n");
    List<Row> fronts = PipelineTables.PARETO_LEADERBOARD_COMPUTE.read(spark, tables).filter("on_front = true")
        .orderBy("group", "flops").collectAsList();
    HtmlTable front = HtmlTable.create("Pareto fronts: clean and AutoAttack accuracy against FLOPs (no entry is better on all three)",
        "front", "model id", "architecture", "clean %", "AutoAttack %", "FLOPs", "on low figures");
    for (Row r : fronts) {
      front.row(r.getAs("group"), r.getAs("model_id"), r.getAs("architecture"), r.getAs("clean_acc_pct"), r.getAs("autoattack_acc_pct"),
          r.getAs("flops"), Boolean.TRUE.equals(r.getAs("rests_on_low_figures")) ? "yes" : "");
    }
    html.append(front.html());
  }

  /** @return the leaderboard of a compute fit's group, "cifar10/Linf | all entries" */
  private static String leaderboardOf(String group) {
    return group.substring(0, group.indexOf(" | "));
  }

  /** Our own measured runs: what each training method costs over standard training. */
  private void runsSection(SparkSession spark, CuratedTables tables) {
    List<Row> overhead =
        PipelineTables.TRAINING_OVERHEAD.read(spark, tables).orderBy("dataset", "architecture", "time_ratio", "configuration").collectAsList();
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
    timeToTargetSection(spark, tables);
    layerTimeSection(spark, tables);
    List<Row> ensembles = PipelineTables.ENSEMBLES.read(spark, tables).collectAsList();
    if (!ensembles.isEmpty()) {
      html.append("<h3>Ensembles beside their members</h3>\n<p>Logit averages attacked as one model; training cost is the")
          .append(" members' sum; inference measured with <code>robustperf bench-inference</code> (FP32, batch-1 median latency")
          .append(" and throughput at a large batch) where the ensemble and every member were benchmarked.</p>\n");
      HtmlTable t = HtmlTable.create("Ensembles vs members (measured)", "ensemble", "members", "suite", "n", "clean %", "robust %",
          "members' robust mean %", "best member %", "training s (sum)", "latency ms", "members' mean ms", "images/s",
          "members' mean images/s", "missing");
      for (Row e : ensembles) {
        String missing = java.util.stream.Stream.of(e.<String>getAs("missing_reason"), e.<String>getAs("inference_missing_reason"))
            .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining("; "));
        t.row(e.getAs("ensemble_id"), e.getAs("members"), e.getAs("attack_suite"), e.getAs("n"), e.getAs("clean_accuracy_pct"),
            e.getAs("robust_accuracy_pct"), e.getAs("members_robust_mean_pct"), e.getAs("members_robust_best_pct"),
            e.getAs("training_seconds"), e.getAs("latency_p50_ms"), e.getAs("members_latency_p50_mean_ms"), e.getAs("images_per_second"),
            e.getAs("members_images_per_second_mean"), missing);
      }
      html.append(t.html());
    }
  }

  private void timeToTargetSection(SparkSession spark, CuratedTables tables) {
    List<Row> rows = PipelineTables.TIME_TO_TARGET_SUMMARY.read(spark, tables).orderBy("configuration", "metric", "target_pct").collectAsList();
    if (rows.isEmpty()) {
      return;
    }
    html.append("<h3>Time to target accuracy</h3>\n<p>The DAWNBench metric: training time, FLOPs and energy until the")
        .append(" per-epoch monitor (held-out images) first reached each target, as medians over the seeds that got there. The")
        .append(" monitor is a cheap attack, so each crossing is checked by the full test-set evaluation of the checkpoint of the")
        .append(" epoch where it happened: confirmed (still at or above the target), refuted, or unchecked where that checkpoint")
        .append(" was not kept or not evaluated (per run: <code>time_to_target</code>).</p>\n");
    HtmlTable t = HtmlTable.create("Time to target per configuration (measured)", "configuration", "accuracy (monitor)", "target %",
        "reached", "median s", "median training FLOPs", "median kWh", "confirmed", "refuted", "unchecked", "test-set % (mean)");
    for (Row r : rows) {
      t.row(r.getAs("configuration"), r.getAs("metric") + " (" + r.getAs("monitor") + ")", r.getAs("target_pct"),
          r.getAs("reached") + " of " + r.getAs("runs"), r.getAs("median_wall_seconds"), r.getAs("median_training_flops"),
          r.getAs("median_kwh"), r.getAs("confirmed"), r.getAs("refuted"), r.getAs("unchecked"), r.getAs("confirmed_pct_mean"));
    }
    html.append(t.html());
  }

  private void layerTimeSection(SparkSession spark, CuratedTables tables) {
    List<Row> layers = PipelineTables.LAYER_TIME.read(spark, tables).orderBy("device", "run_id").collectAsList();
    if (layers.isEmpty()) {
      return;
    }
    html.append("<h3>Where the time of a training step goes</h3>\n<p>Per batch, by layer type, from the PyTorch profiler")
        .append(" (operator self time): whole steps, the attack alone on the same batches, and the rest (the weight update);")
        .append(" \"outside operators\" is wall time in no profiled operator (the framework, JNI, preparing the batch). The")
        .append(" profiler slows steps down (its overhead, measured on the same batches, is in the table): read the shares, not")
        .append(" the absolute milliseconds.</p>\n");
    HtmlTable t = HtmlTable.create("Milliseconds per batch by layer type (measured)", "configuration", "device", "category",
        "step", "attack", "update", "share of step", "step GFLOPs", "attack GFLOPs", "step ms, profiler off", "profiler overhead");
    List<LayerTimeChart.Part> parts = new ArrayList<>();
    List<String> names = layers.stream().map(r -> r.<String>getAs("configuration")).distinct().toList();
    String prefix = commonPrefix(names);
    List<Row> byCost = layers.stream()
        .sorted(java.util.Comparator.comparingDouble(r -> r.<Double>getAs("step_wall_ms_unprofiled"))).toList();
    for (Row r : layers) {
      Double attack = r.getAs("attack_ms_per_batch");
      Double stepFlops = r.getAs("step_flops_per_batch");
      Double attackFlops = r.getAs("attack_flops_per_batch");
      t.row(r.getAs("configuration"), r.getAs("device"), r.getAs("category"), r.getAs("step_ms_per_batch"), attack,
          r.getAs("update_ms_per_batch"), String.format(Locale.ROOT, "%.0f%%", 100 * r.<Double>getAs("step_share")),
          stepFlops == null ? null : stepFlops / 1e9, attackFlops == null ? null : attackFlops / 1e9,
          r.getAs("step_wall_ms_unprofiled"), String.format(Locale.ROOT, "%.2fx", r.<Double>getAs("profiler_overhead")));
    }
    for (Row r : byCost) {
      String category = r.getAs("category");
      parts.add(new LayerTimeChart.Part(r.<String>getAs("configuration").substring(prefix.length()) + " (" + r.getAs("device") + ")",
          category, category.equals(LayerTimeBreakdownJob.OUTSIDE), r.getAs("update_ms_per_batch"), r.getAs("attack_ms_per_batch")));
    }
    figure(LayerTimeChart.of("Training step by layer type" + (prefix.isEmpty() ? "" : ": " + prefix + "..."), parts), "layer_time",
        "training time per batch by layer type");
    html.append(t.html());
  }

  private void forecastSection(SparkSession spark, CuratedTables tables) {
    List<Row> choices = PipelineTables.SCALING_CHOICE.read(spark, tables).orderBy("group_value", "response", "rank").collectAsList();
    List<Row> years = PipelineTables.YEAR_FORECAST.read(spark, tables).orderBy("leaderboard", "response", "target_accuracy_pct", "fit").collectAsList();
    if (choices.isEmpty() && years.isEmpty()) {
      return;
    }
    html.append("<h2>Scaling laws and forecasts</h2>\n<p>Every figure in this section is a forecast: a law or trend fitted to")
        .append(" measured points and extrapolated, not a measurement. Law forms are compared by extrapolation loss: each is")
        .append(" fitted (Huber loss on log residuals, bounded L-BFGS from a multi-start grid) on the checkpoints below a compute")
        .append(" quantile and scored (RMSE of ln(predicted/observed)) on those above; the form with the fewest parameters within")
        .append(" one standard error of the best is chosen and refitted on all points. Intervals: 95% pairs bootstrap (an")
        .append(" interval without an upper end means more than 2.5% of resamples never reach the target) and a 90%")
        .append(" split-conformal band, valid for points like the data and beyond them only as far as the law holds.</p>\n");
    HtmlTable choice = HtmlTable.create("Law forms by extrapolation loss", "group", "response", "rank", "form", "extrapolation RMSE (ln)",
        "in-sample RMSE (ln)", "tied with best", "chosen", "parameters (fitted on the small-compute points)");
    for (Row r : choices) {
      choice.row(r.getAs("group_value"), r.getAs("response"), r.getAs("rank"), r.getAs("form"), r.getAs("extrapolation_rmse_ln"),
          r.getAs("in_sample_rmse_ln"), r.<Boolean>getAs("tied_with_best") ? "yes" : "", r.<Boolean>getAs("chosen") ? "chosen" : "",
          r.getAs("parameters") == null ? r.getAs("note") : r.getAs("parameters"));
    }
    html.append(choice.html());
    List<Row> forecasts = PipelineTables.COMPUTE_FORECAST.read(spark, tables).orderBy("group_value", "response", "target_accuracy_pct").collectAsList();
    List<Row> points = PipelineTables.SCALING_POINTS.read(spark, tables).collectAsList();
    List<Row> curves = PipelineTables.SCALING_CURVES.read(spark, tables).orderBy("log10_flops").collectAsList();
    for (Row f : forecasts.stream().filter(distinctBy("group_value", "response")).toList()) {
      String group = f.getAs("group_value");
      String response = f.getAs("response");
      List<ScalingLawChart.Point> ps = points.stream()
          .filter(p -> group.equals(p.getAs("group_value")) && response.equals(p.getAs("response")))
          .map(p -> new ScalingLawChart.Point(Math.pow(10, p.<Double>getAs("log10_flops")), p.getAs("error"), p.getAs("held_out")))
          .toList();
      List<ScalingLawChart.CurvePoint> curve = curves.stream()
          .filter(c -> group.equals(c.getAs("group_value")) && response.equals(c.getAs("response")))
          .map(c -> new ScalingLawChart.CurvePoint(Math.pow(10, c.<Double>getAs("log10_flops")), c.getAs("predicted_error"),
              c.getAs("band_low"), c.getAs("band_high")))
          .toList();
      List<Double> targets = forecasts.stream()
          .filter(t -> group.equals(t.getAs("group_value")) && response.equals(t.getAs("response")))
          .map(t -> 1 - t.<Double>getAs("target_accuracy_pct") / 100).toList();
      if (!ps.isEmpty() && curve.size() >= 2) {
        figure(ScalingLawChart.of(group + ": " + response.replace('_', ' ') + " vs training FLOPs", f.getAs("form"), ps, curve, targets),
            "scaling_" + slug(group + "_" + response), "scaling law of " + group + " " + response);
      }
    }
    List<Row> computeFits = PipelineTables.RUNS_COMPUTE_FITS.read(spark, tables).collectAsList();
    for (Row f : forecasts.stream().filter(distinctBy("group_value", "response")).toList()) {
      String group = f.getAs("group_value");
      String response = f.getAs("response");
      List<LabelledPoint> pts = points.stream()
          .filter(p -> group.equals(p.getAs("group_value")) && response.equals(p.getAs("response")))
          .map(p -> new LabelledPoint("", p.getAs("log10_flops"), -Math.log10(p.<Double>getAs("error")))).toList();
      if (pts.isEmpty()) {
        continue;
      }
      double from = pts.stream().mapToDouble(LabelledPoint::x).min().orElseThrow();
      double to = pts.stream().mapToDouble(LabelledPoint::x).max().orElseThrow();
      List<FitLine> lines = new ArrayList<>();
      HtmlTable table = HtmlTable.create(group + ": log10(1/" + response + ") on log10(training FLOPs)", "method", "slope", "95% interval", "R²", "n");
      for (Row r : computeFits) {
        if (group.equals(r.getAs("group_value")) && r.<String>getAs("formula").startsWith("log10(1/" + response + ")")
            && "log10_training_flops".equals(r.getAs("term"))) {
          String name = "ols".equals(r.getAs("method")) ? "OLS" : "tau = " + r.getAs("tau");
          lines.add(new FitLine(name, interceptOf(computeFits, r.getAs("fit_id")), r.getAs("estimate"), from, to));
          table.row(name, r.<Double>getAs("estimate"), range(r.getAs("ci_low"), r.getAs("ci_high")), r.getAs("r2"), r.getAs("n"));
        }
      }
      if (!lines.isEmpty()) {
        figure(TrendChart.of(group + ": " + response.replace('_', ' ') + " against compute", "log10(training FLOPs)",
            "log10(1 / " + response.replace('_', ' ') + ")", pts, lines), "compute_fit_" + slug(group + "_" + response),
            "log10(1/error) on training FLOPs");
        html.append(table.html());
      }
    }
    HtmlTable compute = HtmlTable.create("Training FLOPs to reach each target (forecast)", "group", "response", "target %", "law",
        "FLOPs", "95% bootstrap", "90% conformal", "x the largest measured", "why none");
    for (Row f : forecasts) {
      compute.row(f.getAs("group_value"), f.getAs("response"), f.getAs("target_accuracy_pct"), f.getAs("form"), f.getAs("flops"),
          range(f.getAs("flops_ci_low"), f.getAs("flops_ci_high")), range(f.getAs("conformal_flops_low"), f.getAs("conformal_flops_high")),
          f.getAs("extrapolation_factor"), f.getAs("reason"));
    }
    html.append(compute.html());
    List<Row> costs = PipelineTables.COST_FORECAST.read(spark, tables).filter("precision = 'fp16'")
        .orderBy("group_value", "response", "target_accuracy_pct", "gpu").collectAsList();
    if (!costs.isEmpty()) {
      HtmlTable cost = HtmlTable.create("What the targets would cost on catalog GPUs (FP16 tensor peak; estimated)", "group", "target %",
          "GPU", "GPU-hours", "range", "kWh (x PUE)", "range", "kg CO2", "range", "USD", "range", "price used");
      for (Row c : costs) {
        cost.row(c.getAs("group_value"), c.getAs("target_accuracy_pct"), c.getAs("gpu"), c.getAs("gpu_hours"),
            range(c.getAs("gpu_hours_low"), c.getAs("gpu_hours_high")), c.getAs("kwh"), range(c.getAs("kwh_low"), c.getAs("kwh_high")),
            c.getAs("co2_kg"), range(c.getAs("co2_kg_low"), c.getAs("co2_kg_high")), c.getAs("usd"),
            range(c.getAs("usd_low"), c.getAs("usd_high")), c.getAs("usd_basis"));
      }
      html.append(cost.html()).append("<p><small>Utilization: ").append(Html.escape(costs.get(0).getAs("utilization_assumed")))
          .append(". Sources of every catalog row are in the table forecast_cost_to_target (column sources).</small></p>\n");
      for (Row g : costs.stream().filter(distinctBy("group_value", "response")).toList()) {
        List<CostToTargetChart.Estimate> usd = costs.stream()
            .filter(c -> c.getAs("group_value").equals(g.getAs("group_value")) && c.getAs("response").equals(g.getAs("response"))
                && c.getAs("usd") != null)
            .map(c -> new CostToTargetChart.Estimate(c.getAs("gpu"), c.getAs("target_accuracy_pct"), c.getAs("usd"),
                c.<Double>getAs("usd_low") == null ? c.<Double>getAs("usd") : c.<Double>getAs("usd_low"), c.getAs("usd_high")))
            .toList();
        if (!usd.isEmpty()) {
          figure(CostToTargetChart.of(g.getAs("group_value") + ": cost to target (forecast, FP16)", "USD of GPU-hours", usd),
              "cost_to_target_" + slug(g.<String>getAs("group_value") + "_" + g.getAs("response")), "cost to target");
        }
      }
      List<Row> everyday = PipelineTables.EVERYDAY.read(spark, tables)
          .filter("precision = 'fp16' AND gpu = '" + costs.get(0).<String>getAs("gpu").replace("'", "''") + "'")
          .orderBy("group_value", "response", "target_accuracy_pct", "quantity", "item").collectAsList();
      HtmlTable beside = HtmlTable.create("Beside everyday figures (" + costs.get(0).getAs("gpu") + ", FP16)", "group", "target %",
          "quantity", "forecast", "everyday item", "its figure", "multiple", "range", "item source");
      for (Row e : everyday) {
        beside.row(e.getAs("group_value"), e.getAs("target_accuracy_pct"), e.getAs("quantity"), e.getAs("forecast"), e.getAs("item"),
            e.getAs("item_value"), e.getAs("multiple"), range(e.getAs("multiple_low"), e.getAs("multiple_high")), e.getAs("item_source"));
      }
      html.append(beside.html());
    }
    HtmlTable year = HtmlTable.create("When each leaderboard's trend reaches a target (forecast)", "leaderboard", "response", "target %",
        "fit", "n", "trend (log10(1/err) per year)", "R²", "year", "95% bootstrap", "best so far %", "first reached");
    for (Row y : years) {
      year.row(y.getAs("leaderboard"), y.getAs("response"), y.getAs("target_accuracy_pct"), y.getAs("fit"), y.getAs("n"),
          y.getAs("slope_per_year"), y.getAs("r2"), y.getAs("year") == null ? y.getAs("reason") : String.format(Locale.ROOT, "%.1f", y.<Double>getAs("year")),
          yearRange(y.getAs("year_ci_low"), y.getAs("year_ci_high")), y.getAs("best_accuracy_pct"),
          y.getAs("first_reached_year") == null ? "not yet" : String.format(Locale.ROOT, "%.1f", y.<Double>getAs("first_reached_year")));
    }
    html.append(year.html());
    List<Row> interventions = PipelineTables.INTERVENTIONS.read(spark, tables).orderBy("basis", "group_value", "rank").collectAsList();
    if (!interventions.isEmpty()) {
      html.append("<h3>Where advances come from</h3>\n<p>Interventions ranked by the robust accuracy they gain per doubling of")
          .append(" training compute: predicted by a regression over each leaderboard's WideResNet entries (the gains are")
          .append(" associations across papers, not controlled experiments), and measured on our runs against the cheapest")
          .append(" configuration.</p>\n");
      HtmlTable t = HtmlTable.create("Interventions by gain per compute doubling", "basis", "group", "rank", "intervention",
          "gain (points)", "95% interval", "compute x", "compute basis", "gain per doubling", "n", "R²");
      for (Row r : interventions) {
        t.row(r.getAs("basis"), r.getAs("group_value"), r.getAs("rank"), r.getAs("intervention"), r.getAs("gain_pct"),
            range(r.getAs("gain_ci_low_pct"), r.getAs("gain_ci_high_pct")), r.getAs("compute_factor"), r.getAs("compute_basis"),
            r.getAs("gain_per_compute_doubling_pct"), r.getAs("n"), r.getAs("r2"));
      }
      html.append(t.html());
    }
  }

  /** The longest common prefix of the names that ends at a '-', so bars can drop it. */
  private static String commonPrefix(List<String> names) {
    if (names.size() < 2) {
      return "";
    }
    String first = names.get(0);
    int end = first.length();
    for (String n : names) {
      int i = 0;
      while (i < Math.min(end, n.length()) && n.charAt(i) == first.charAt(i)) {
        i++;
      }
      end = i;
    }
    int dash = first.lastIndexOf('-', end - 1);
    return dash < 0 ? "" : first.substring(0, dash + 1);
  }

  private static java.util.function.Predicate<Row> distinctBy(String a, String b) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return r -> seen.add(r.getAs(a) + "\u0000" + r.getAs(b));
  }

  private static String range(Double low, Double high) {
    if (low == null && high == null) {
      return "";
    }
    return (low == null ? "?" : String.format(Locale.ROOT, "%.3g", low)) + " to " + (high == null ? "no upper end" : String.format(Locale.ROOT, "%.3g", high));
  }

  private static String yearRange(Double low, Double high) {
    return (low == null ? "?" : String.format(Locale.ROOT, "%.1f", low)) + " - " + (high == null ? "never" : String.format(Locale.ROOT, "%.1f", high));
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
    Path catalogsDir = options.dataDir().resolve("catalogs");
    if (Files.isDirectory(catalogsDir)) {
      Catalogs c = Catalogs.load(catalogsDir);
      HtmlTable catalogs = HtmlTable.create("Catalog figures used by the cost and forecast tables (estimated figures rest on these)",
          "catalog", "item", "figure", "for year", "source", "taken on");
      c.gpus().forEach(g -> catalogs.row("gpus.csv", g.gpu(), String.format(Locale.ROOT, "%.0f W, %.1f / %.0f TFLOP/s", g.tdpWatts(),
          g.peakFp32Tflops(), g.peakFp16TensorTflops()), g.source().figureYear(), g.source().citation(), g.source().retrievedOn().toString()));
      c.cpus().forEach(cpu -> catalogs.row("cpus.csv", cpu.cpu(), String.format(Locale.ROOT, "%.0f W, %d threads", cpu.tdpWatts(),
          cpu.threads()), cpu.source().figureYear(), cpu.source().citation() + " (" + cpu.note() + ")", cpu.source().retrievedOn().toString()));
      c.gridIntensities().forEach(g -> catalogs.row("grid_intensity.csv", g.region(), g.gramsCo2PerKwh() + " g/kWh",
          g.source().figureYear(), g.source().citation(), g.source().retrievedOn().toString()));
      c.prices().forEach(p -> catalogs.row("prices.csv", p.item(), p.usdLow() + "-" + p.usdHigh() + " USD/" + p.unit(),
          p.source().figureYear(), p.source().citation(), p.source().retrievedOn().toString()));
      c.pues().forEach(p -> catalogs.row("pue.csv", p.setting(), p.pue(), p.source().figureYear(), p.source().citation(),
          p.source().retrievedOn().toString()));
      c.everyday().forEach(e -> catalogs.row("everyday.csv", e.item(), e.value() + " " + e.quantity(), e.source().figureYear(),
          e.source().citation() + " (" + e.note() + ")", e.source().retrievedOn().toString()));
      html.append(catalogs.html());
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
