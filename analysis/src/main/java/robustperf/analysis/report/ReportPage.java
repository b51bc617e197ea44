package robustperf.analysis.report;

import static robustperf.tables.SqlOrder.asc;
import static robustperf.tables.SqlOrder.sorted;

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
import java.util.function.Function;
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
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.records.catalog.Catalogs;
import robustperf.records.parquet.SchemaVersion;
import robustperf.tables.PipelineTables;
import robustperf.tables.Table;
import robustperf.tables.compute.LeaderboardComputeRow;
import robustperf.tables.cost.ComparisonRow;
import robustperf.tables.cost.CostToTargetRow;
import robustperf.tables.cost.EnsembleRow;
import robustperf.tables.cost.LayerTimeRow;
import robustperf.tables.cost.TimeToTargetSummaryRow;
import robustperf.tables.cost.TrainingOverheadRow;
import robustperf.tables.intervention.InterventionRow;
import robustperf.tables.pareto.ComputeFrontRow;
import robustperf.tables.pareto.LeaderboardFrontRow;
import robustperf.tables.regression.FitRow;
import robustperf.tables.scaling.ComputeForecastRow;
import robustperf.tables.scaling.LawChoiceRow;
import robustperf.tables.scaling.ScalingCurveRow;
import robustperf.tables.scaling.ScalingPointRow;
import robustperf.tables.trend.DoublingRow;
import robustperf.tables.trend.YearForecastRow;

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
    List<LeaderboardFrontRow> entries = sorted(
        PipelineTables.PARETO_LEADERBOARDS.readAll(spark, tables).stream()
            .filter(r -> r.onFront() != null || r.analysisExclusion() != null),
        asc(LeaderboardFrontRow::leaderboard).thenComparing(asc(LeaderboardFrontRow::modelId)));
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

  private void paretoSection(List<LeaderboardFrontRow> entries) {
    html.append("<h2>Clean vs AutoAttack accuracy</h2>\n<p>Each leaderboard's entries; the line joins")
        .append(" the Pareto front: entries no other entry beats on both accuracies. Grey crosses are entries every analysis")
        .append(" leaves out by one rule (").append(Html.escape(EntryExclusion.RULE)).append("); they are listed under each front.</p>\n");
    for (String board : distinctSorted(entries, LeaderboardFrontRow::leaderboard)) {
      List<LabelledPoint> all = new ArrayList<>();
      List<LabelledPoint> front = new ArrayList<>();
      List<LabelledPoint> excluded = new ArrayList<>();
      HtmlTable table = HtmlTable.create(board + ": Pareto front", "model id", "paper", "architecture", "year", "clean %", "AutoAttack %");
      HtmlTable left = HtmlTable.create(board + ": left out of the analyses", "model id", "paper", "as", "why", "clean %", "AutoAttack %");
      for (LeaderboardFrontRow r : entries) {
        if (!board.equals(r.leaderboard())) {
          continue;
        }
        LabelledPoint p = new LabelledPoint(r.modelId(), r.cleanAccPct(), r.autoattackAccPct());
        if (r.analysisExclusion() != null) {
          excluded.add(p);
          left.row(r.modelId(), r.name(), r.analysisExclusion(), r.analysisExclusionReason(), p.x(), p.y());
          continue;
        }
        all.add(p);
        if (r.onFront()) {
          front.add(p);
          table.row(r.modelId(), r.name(), r.architecture(), r.pubYear(), p.x(), p.y());
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
    List<FitRow> allFits = PipelineTables.LEADERBOARD_FITS.readAll(spark, tables);
    List<FitRow> fits = allFits.stream().filter(r -> "pub_date".equals(r.term())).toList();
    List<DoublingRow> eras = sorted(PipelineTables.LEADERBOARD_DOUBLING.readAll(spark, tables).stream(),
        asc(DoublingRow::groupValue).thenComparing(asc(DoublingRow::eraMethod)).thenComparing(asc(DoublingRow::fromDate)));
    // The trend job's own SQL filter (one rule), then the entries as records.
    List<RobustBenchEntry> points = sorted(
        PipelineTables.ROBUSTBENCH_ENTRIES.read(spark, tables).filter(LeaderboardTrendJob.DATED).collectAsList().stream()
            .map(PipelineTables.ROBUSTBENCH_ENTRIES::fromRow),
        asc(RobustBenchEntry::leaderboard).thenComparing(asc(RobustBenchEntry::modelId)));
    html.append("<h2>Progress over time</h2>\n<p>log10(1/robust error) against the publication date")
        .append(" (arXiv id, else venue; month midpoint), with the OLS line and the tau = 0.1 quantile line")
        .append(" (the 10% of entries furthest below the trend: the least robust for their date). Entries:")
        .append(" <code>").append(Html.escape(LeaderboardTrendJob.FILTER)).append("</code>: ").append(Html.escape(EntryExclusion.RULE))
        .append(" (grey crosses, not fitted). Without that rule the broken defences would sit at the bottom of the early years:")
        .append(" the table <code>doubling_robust_error_with_broken_defences</code> gives the halving times with them.</p>\n");
    for (String board : distinctSorted(eras, DoublingRow::groupValue)) {
      List<LabelledPoint> pts = new ArrayList<>();
      List<LabelledPoint> log2 = new ArrayList<>();
      List<LabelledPoint> leftOut = new ArrayList<>();
      List<LabelledPoint> leftOutLog2 = new ArrayList<>();
      for (RobustBenchEntry r : points) {
        if (board.equals(r.leaderboard())) {
          double date = LeaderboardTrendJob.decimalDate(r.pubYear(), r.pubMonth());
          double inverse = 100.0 / (100.0 - r.autoattackAccPct());
          boolean excluded = r.analysisExclusion() != null;
          (excluded ? leftOut : pts).add(new LabelledPoint(r.modelId(), date, Math.log10(inverse)));
          (excluded ? leftOutLog2 : log2).add(new LabelledPoint(r.modelId(), date, Math.log(inverse) / Math.log(2)));
        }
      }
      double from = pts.stream().mapToDouble(LabelledPoint::x).min().orElse(0);
      double to = pts.stream().mapToDouble(LabelledPoint::x).max().orElse(0);
      List<FitLine> lines = new ArrayList<>();
      HtmlTable table = HtmlTable.create(board + ": fits of log10(1/error) on the date", "formula", "method", "slope per year", "95% interval", "R²", "n");
      for (FitRow f : fits) {
        if (!board.equals(f.groupValue())) {
          continue;
        }
        String name = fitName(f);
        double intercept = interceptOf(allFits, f.fitId());
        if (f.formula().startsWith("log10(1/robust")) {
          lines.add(new FitLine(name, intercept, f.estimate(), from, to));
        }
        Double low = f.ciLow();
        Double high = f.ciHigh();
        table.row(f.formula(), name, f.estimate(),
            low == null ? "" : String.format("%.4g to %.4g", low, high), f.r2(), f.n());
      }
      figure(TrendChart.of(board + ": robust error over time", "publication date (year)", "log10(1 / AutoAttack error)", pts, leftOut, lines),
          "trend_" + slug(board), board + " trend");
      html.append(table.html());

      List<FitLine> eraLines = new ArrayList<>();
      HtmlTable halving = HtmlTable.create(board + ": months for the robust error to halve", "eras", "era", "n", "halving months", "95% interval", "R²");
      for (DoublingRow e : eras) {
        if (!board.equals(e.groupValue())) {
          continue;
        }
        eraLines.add(new FitLine(e.eraMethod() + " " + e.era(), e.interceptLog2(), e.slopeLog2PerYear(), e.fromDate(), e.toDate()));
        Double low = e.doublingMonthsLow();
        halving.row(e.eraMethod(), e.era(), e.n(), e.doublingMonths(),
            low == null ? e.note() : String.format("%.0f to %.0f", low, e.doublingMonthsHigh()), e.r2());
      }
      figure(TrendChart.of(board + ": halving eras", "publication date (year)", "log2(1 / AutoAttack error)", log2, leftOutLog2, eraLines),
          "halving_" + slug(board), board + " halving eras");
      html.append(halving.html());
    }
  }

  /** The leaderboards' training compute from the sourced recipes: coverage, Thompson's fits, fronts against FLOPs. */
  private void leaderboardComputeSection(SparkSession spark, CuratedTables tables) {
    List<LeaderboardComputeRow> compute = sorted(PipelineTables.LEADERBOARD_COMPUTE.readAll(spark, tables).stream(),
        asc(LeaderboardComputeRow::leaderboard).thenComparing(asc(LeaderboardComputeRow::modelId)));
    if (compute.stream().noneMatch(r -> r.trainingFlopsCentral() != null)) {
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
    for (String board : distinctSorted(compute, LeaderboardComputeRow::leaderboard)) {
      List<LeaderboardComputeRow> rows = compute.stream().filter(r -> board.equals(r.leaderboard())).toList();
      long firm = rows.stream().filter(LeaderboardComputeRow::coreFiguresFirm).count();
      long flops = rows.stream().filter(r -> r.trainingFlopsCentral() != null).count();
      long low = rows.stream().filter(r -> r.trainingFlopsCentral() != null && r.restsOnLowFigures()).count();
      coverage.row(board, rows.size(), String.format(Locale.ROOT, "%d (%.0f%%)", firm, 100.0 * firm / rows.size()), flops, low);
    }
    html.append(coverage.html());
    List<FitRow> fits = PipelineTables.LEADERBOARD_COMPUTE_FITS.readAll(spark, tables);
    HtmlTable fitTable = HtmlTable.create("log10(1/error) on log10(training FLOPs), per leaderboard (Thompson et al.'s form)",
        "leaderboard", "formula", "entries", "method", "term", "estimate", "95% interval", "R²", "n");
    for (String board : distinctSorted(fits, r -> leaderboardOf(r.groupValue()))) {
      List<LabelledPoint> firmPoints = new ArrayList<>();
      List<LabelledPoint> lowPoints = new ArrayList<>();
      for (LeaderboardComputeRow r : compute) {
        if (board.equals(r.leaderboard()) && r.trainingFlopsCentral() != null && r.analysisExclusion() == null
            && r.pubDate() != null && r.autoattackAccPct() < 100) {
          LabelledPoint p = new LabelledPoint(r.modelId(), Math.log10(r.trainingFlopsCentral()),
              Math.log10(100 / (100 - r.autoattackAccPct())));
          (r.restsOnLowFigures() ? lowPoints : firmPoints).add(p);
        }
      }
      List<LabelledPoint> all = new ArrayList<>(firmPoints);
      all.addAll(lowPoints);
      double from = all.stream().mapToDouble(LabelledPoint::x).min().orElse(0);
      double to = all.stream().mapToDouble(LabelledPoint::x).max().orElse(0);
      List<FitLine> lines = new ArrayList<>();
      for (FitRow f : fits) {
        boolean slope = "log10_training_flops".equals(f.term());
        boolean oneVariable = f.formula().equals("log10(1/robust_error) ~ log10_training_flops");
        boolean onBoard = board.equals(leaderboardOf(f.groupValue()));
        String set = f.groupValue().substring(board.length() + 3);
        if (onBoard && slope && oneVariable) {
          lines.add(new FitLine(("ols".equals(f.method()) ? "OLS" : "tau = 0.1") + ", " + set,
              interceptOf(fits, f.fitId()), f.estimate(), from, to));
        }
        if (onBoard && !"intercept".equals(f.term())) {
          fitTable.row(board, f.formula(), set, fitName(f), f.term(), f.estimate(), range(f.ciLow(), f.ciHigh()), f.r2(), f.n());
        }
      }
      figure(TrendChart.of(board + ": AutoAttack error against training compute", "log10(training FLOPs, central estimate)",
              "log10(1 / AutoAttack error)", firmPoints, lowPoints, "FLOPs resting on low figures or rules", lines),
          "leaderboard_compute_" + slug(board), board + " robust error on training FLOPs");
    }
    html.append(fitTable.html()).append("<p><small>Crosses in the figures: FLOPs resting on low figures or rules (the")
        .append(" 'high/medium only' fits leave them out). Slope: orders of magnitude of 1/error per order of magnitude of")
        .append(" training FLOPs; with pub_date: per year at equal compute.</small></p>\n");
    List<ComputeFrontRow> fronts = sorted(
        PipelineTables.PARETO_LEADERBOARD_COMPUTE.readAll(spark, tables).stream().filter(r -> Boolean.TRUE.equals(r.onFront())),
        asc(ComputeFrontRow::group).thenComparing(asc(ComputeFrontRow::flops)));
    HtmlTable front = HtmlTable.create("Pareto fronts: clean and AutoAttack accuracy against FLOPs (no entry is better on all three)",
        "front", "model id", "architecture", "clean %", "AutoAttack %", "FLOPs", "on low figures");
    for (ComputeFrontRow r : fronts) {
      front.row(r.group(), r.modelId(), r.architecture(), r.cleanAccPct(), r.autoattackAccPct(), r.flops(),
          Boolean.TRUE.equals(r.restsOnLowFigures()) ? "yes" : "");
    }
    html.append(front.html());
  }

  /** @return the leaderboard of a compute fit's group, "cifar10/Linf | all entries" */
  private static String leaderboardOf(String group) {
    return group.substring(0, group.indexOf(" | "));
  }

  /** Our own measured runs: what each training method costs over standard training. */
  private void runsSection(SparkSession spark, CuratedTables tables) {
    List<TrainingOverheadRow> overhead = sorted(PipelineTables.TRAINING_OVERHEAD.readAll(spark, tables).stream(),
        asc(TrainingOverheadRow::dataset).thenComparing(asc(TrainingOverheadRow::architecture))
            .thenComparing(asc(TrainingOverheadRow::timeRatio)).thenComparing(asc(TrainingOverheadRow::configuration)));
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
    for (TrainingOverheadRow r : overhead) {
      Double ratio = r.timeRatio();
      Double energy = r.energyRatio();
      table.row(
          r.configuration(), r.hardware(), r.n(),
          String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", r.secondsPerEpochMean(), r.secondsPerEpochMin(), r.secondsPerEpochMax()),
          ratio == null ? "no baseline" : String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", ratio, r.timeRatioMin(), r.timeRatioMax()),
          r.flopsRatio() == null ? "" : String.format(Locale.ROOT, "%.2fx", r.flopsRatio()),
          String.format(Locale.ROOT, "%.0f%%", 100 * r.attackFlopsShare()),
          energy == null ? "n/a: " + r.missingReason() : String.format(Locale.ROOT, "%.2fx (%s)", energy, r.energyProvenance()));
    }
    html.append(table.html());
    List<OverheadChart.Bar> bars = overhead.stream()
        .filter(r -> r.timeRatio() != null && r.flopsRatio() != null)
        .map(r -> new OverheadChart.Bar(r.configuration(), r.timeRatio(), r.flopsRatio()))
        .toList();
    if (!bars.isEmpty()) {
      figure(OverheadChart.of("Our measured runs", bars), "training_overhead", "training overhead over standard training");
    }
    timeToTargetSection(spark, tables);
    layerTimeSection(spark, tables);
    List<EnsembleRow> ensembles = PipelineTables.ENSEMBLES.readAll(spark, tables);
    if (!ensembles.isEmpty()) {
      html.append("<h3>Ensembles beside their members</h3>\n<p>Logit averages attacked as one model; training cost is the")
          .append(" members' sum; inference measured with <code>robustperf bench-inference</code> (FP32, batch-1 median latency")
          .append(" and throughput at a large batch) where the ensemble and every member were benchmarked.</p>\n");
      HtmlTable t = HtmlTable.create("Ensembles vs members (measured)", "ensemble", "members", "suite", "n", "clean %", "robust %",
          "members' robust mean %", "best member %", "training s (sum)", "latency ms", "members' mean ms", "images/s",
          "members' mean images/s", "missing");
      for (EnsembleRow e : ensembles) {
        String missing = java.util.stream.Stream.of(e.missingReason(), e.inferenceMissingReason())
            .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining("; "));
        t.row(e.ensembleId(), e.members(), e.attackSuite(), e.n(), e.cleanAccuracyPct(), e.robustAccuracyPct(),
            e.membersRobustMeanPct(), e.membersRobustBestPct(), e.trainingSeconds(), e.latencyP50Ms(), e.membersLatencyP50MeanMs(),
            e.imagesPerSecond(), e.membersImagesPerSecondMean(), missing);
      }
      html.append(t.html());
    }
  }

  private void timeToTargetSection(SparkSession spark, CuratedTables tables) {
    List<TimeToTargetSummaryRow> rows = sorted(PipelineTables.TIME_TO_TARGET_SUMMARY.readAll(spark, tables).stream(),
        asc(TimeToTargetSummaryRow::configuration).thenComparing(asc(TimeToTargetSummaryRow::metric))
            .thenComparing(asc(TimeToTargetSummaryRow::targetPct)));
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
    for (TimeToTargetSummaryRow r : rows) {
      t.row(r.configuration(), r.metric() + " (" + r.monitor() + ")", r.targetPct(), r.reached() + " of " + r.runs(),
          r.medianWallSeconds(), r.medianTrainingFlops(), r.medianKwh(), r.confirmed(), r.refuted(), r.unchecked(), r.confirmedPctMean());
    }
    html.append(t.html());
  }

  private void layerTimeSection(SparkSession spark, CuratedTables tables) {
    List<LayerTimeRow> layers = sorted(PipelineTables.LAYER_TIME.readAll(spark, tables).stream(),
        asc(LayerTimeRow::device).thenComparing(asc(LayerTimeRow::runId)));
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
    List<String> names = layers.stream().map(LayerTimeRow::configuration).distinct().toList();
    String prefix = commonPrefix(names);
    List<LayerTimeRow> byCost = layers.stream().sorted(java.util.Comparator.comparingDouble(LayerTimeRow::stepWallMsUnprofiled)).toList();
    for (LayerTimeRow r : layers) {
      Double attack = r.attackMsPerBatch();
      Double stepFlops = r.stepFlopsPerBatch();
      Double attackFlops = r.attackFlopsPerBatch();
      t.row(r.configuration(), r.device(), r.category(), r.stepMsPerBatch(), attack,
          r.updateMsPerBatch(), String.format(Locale.ROOT, "%.0f%%", 100 * r.stepShare()),
          stepFlops == null ? null : stepFlops / 1e9, attackFlops == null ? null : attackFlops / 1e9,
          r.stepWallMsUnprofiled(), String.format(Locale.ROOT, "%.2fx", r.profilerOverhead()));
    }
    for (LayerTimeRow r : byCost) {
      String category = r.category();
      parts.add(new LayerTimeChart.Part(r.configuration().substring(prefix.length()) + " (" + r.device() + ")",
          category, category.equals(LayerTimeBreakdownJob.OUTSIDE), r.updateMsPerBatch(), r.attackMsPerBatch()));
    }
    figure(LayerTimeChart.of("Training step by layer type" + (prefix.isEmpty() ? "" : ": " + prefix + "..."), parts), "layer_time",
        "training time per batch by layer type");
    html.append(t.html());
  }

  private void forecastSection(SparkSession spark, CuratedTables tables) {
    List<LawChoiceRow> choices = sorted(PipelineTables.SCALING_CHOICE.readAll(spark, tables).stream(),
        asc(LawChoiceRow::groupValue).thenComparing(asc(LawChoiceRow::response)).thenComparing(asc(LawChoiceRow::rank)));
    List<YearForecastRow> years = sorted(PipelineTables.YEAR_FORECAST.readAll(spark, tables).stream(),
        asc(YearForecastRow::leaderboard).thenComparing(asc(YearForecastRow::response))
            .thenComparing(asc(YearForecastRow::targetAccuracyPct)).thenComparing(asc(YearForecastRow::fit)));
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
    for (LawChoiceRow r : choices) {
      choice.row(r.groupValue(), r.response(), r.rank(), r.form(), r.extrapolationRmseLn(), r.inSampleRmseLn(),
          r.tiedWithBest() ? "yes" : "", r.chosen() ? "chosen" : "", r.parameters() == null ? r.note() : r.parameters());
    }
    html.append(choice.html());
    List<ComputeForecastRow> forecasts = sorted(PipelineTables.COMPUTE_FORECAST.readAll(spark, tables).stream(),
        asc(ComputeForecastRow::groupValue).thenComparing(asc(ComputeForecastRow::response))
            .thenComparing(asc(ComputeForecastRow::targetAccuracyPct)));
    List<ScalingPointRow> points = PipelineTables.SCALING_POINTS.readAll(spark, tables);
    List<ScalingCurveRow> curves = sorted(PipelineTables.SCALING_CURVES.readAll(spark, tables).stream(), asc(ScalingCurveRow::log10Flops));
    for (ComputeForecastRow f : forecasts.stream().filter(distinctBy(ComputeForecastRow::groupValue, ComputeForecastRow::response)).toList()) {
      String group = f.groupValue();
      String response = f.response();
      List<ScalingLawChart.Point> ps = points.stream()
          .filter(p -> group.equals(p.groupValue()) && response.equals(p.response()))
          .map(p -> new ScalingLawChart.Point(Math.pow(10, p.log10Flops()), p.error(), p.heldOut()))
          .toList();
      List<ScalingLawChart.CurvePoint> curve = curves.stream()
          .filter(c -> group.equals(c.groupValue()) && response.equals(c.response()))
          .map(c -> new ScalingLawChart.CurvePoint(Math.pow(10, c.log10Flops()), c.predictedError(), c.bandLow(), c.bandHigh()))
          .toList();
      List<Double> targets = forecasts.stream()
          .filter(t -> group.equals(t.groupValue()) && response.equals(t.response()))
          .map(t -> 1 - t.targetAccuracyPct() / 100).toList();
      if (!ps.isEmpty() && curve.size() >= 2) {
        figure(ScalingLawChart.of(group + ": " + response.replace('_', ' ') + " vs training FLOPs", f.form(), ps, curve, targets),
            "scaling_" + slug(group + "_" + response), "scaling law of " + group + " " + response);
      }
    }
    List<FitRow> computeFits = PipelineTables.RUNS_COMPUTE_FITS.readAll(spark, tables);
    for (ComputeForecastRow f : forecasts.stream().filter(distinctBy(ComputeForecastRow::groupValue, ComputeForecastRow::response)).toList()) {
      String group = f.groupValue();
      String response = f.response();
      List<LabelledPoint> pts = points.stream()
          .filter(p -> group.equals(p.groupValue()) && response.equals(p.response()))
          .map(p -> new LabelledPoint("", p.log10Flops(), -Math.log10(p.error()))).toList();
      if (pts.isEmpty()) {
        continue;
      }
      double from = pts.stream().mapToDouble(LabelledPoint::x).min().orElseThrow();
      double to = pts.stream().mapToDouble(LabelledPoint::x).max().orElseThrow();
      List<FitLine> lines = new ArrayList<>();
      HtmlTable table = HtmlTable.create(group + ": log10(1/" + response + ") on log10(training FLOPs)", "method", "slope", "95% interval", "R²", "n");
      for (FitRow r : computeFits) {
        if (group.equals(r.groupValue()) && r.formula().startsWith("log10(1/" + response + ")")
            && "log10_training_flops".equals(r.term())) {
          String name = fitName(r);
          lines.add(new FitLine(name, interceptOf(computeFits, r.fitId()), r.estimate(), from, to));
          table.row(name, r.estimate(), range(r.ciLow(), r.ciHigh()), r.r2(), r.n());
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
    for (ComputeForecastRow f : forecasts) {
      compute.row(f.groupValue(), f.response(), f.targetAccuracyPct(), f.form(), f.flops(), range(f.flopsCiLow(), f.flopsCiHigh()),
          range(f.conformalFlopsLow(), f.conformalFlopsHigh()), f.extrapolationFactor(), f.reason());
    }
    html.append(compute.html());
    List<CostToTargetRow> costs = sorted(
        PipelineTables.COST_FORECAST.readAll(spark, tables).stream().filter(c -> "fp16".equals(c.precision())),
        asc(CostToTargetRow::groupValue).thenComparing(asc(CostToTargetRow::response))
            .thenComparing(asc(CostToTargetRow::targetAccuracyPct)).thenComparing(asc(CostToTargetRow::gpu)));
    if (!costs.isEmpty()) {
      HtmlTable cost = HtmlTable.create("What the targets would cost on catalog GPUs (FP16 tensor peak; estimated)", "group", "target %",
          "GPU", "GPU-hours", "range", "kWh (x PUE)", "range", "kg CO2", "range", "USD", "range", "price used");
      for (CostToTargetRow c : costs) {
        cost.row(c.groupValue(), c.targetAccuracyPct(), c.gpu(), c.gpuHours(), range(c.gpuHoursLow(), c.gpuHoursHigh()), c.kwh(),
            range(c.kwhLow(), c.kwhHigh()), c.co2Kg(), range(c.co2KgLow(), c.co2KgHigh()), c.usd(), range(c.usdLow(), c.usdHigh()),
            c.usdBasis());
      }
      html.append(cost.html()).append("<p><small>Utilization: ").append(Html.escape(costs.get(0).utilizationAssumed()))
          .append(". Sources of every catalog row are in the table forecast_cost_to_target (column sources).</small></p>\n");
      for (CostToTargetRow g : costs.stream().filter(distinctBy(CostToTargetRow::groupValue, CostToTargetRow::response)).toList()) {
        List<CostToTargetChart.Estimate> usd = costs.stream()
            .filter(c -> c.groupValue().equals(g.groupValue()) && c.response().equals(g.response()) && c.usd() != null)
            .map(c -> new CostToTargetChart.Estimate(c.gpu(), c.targetAccuracyPct(), c.usd(),
                c.usdLow() == null ? c.usd() : c.usdLow(), c.usdHigh()))
            .toList();
        if (!usd.isEmpty()) {
          figure(CostToTargetChart.of(g.groupValue() + ": cost to target (forecast, FP16)", "USD of GPU-hours", usd),
              "cost_to_target_" + slug(g.groupValue() + "_" + g.response()), "cost to target");
        }
      }
      String gpu = costs.get(0).gpu();
      List<ComparisonRow> everyday = sorted(
          PipelineTables.EVERYDAY.readAll(spark, tables).stream().filter(e -> "fp16".equals(e.precision()) && gpu.equals(e.gpu())),
          asc(ComparisonRow::groupValue).thenComparing(asc(ComparisonRow::response)).thenComparing(asc(ComparisonRow::targetAccuracyPct))
              .thenComparing(asc(ComparisonRow::quantity)).thenComparing(asc(ComparisonRow::item)));
      HtmlTable beside = HtmlTable.create("Beside everyday figures (" + gpu + ", FP16)", "group", "target %",
          "quantity", "forecast", "everyday item", "its figure", "multiple", "range", "item source");
      for (ComparisonRow e : everyday) {
        beside.row(e.groupValue(), e.targetAccuracyPct(), e.quantity(), e.forecast(), e.item(), e.itemValue(), e.multiple(),
            range(e.multipleLow(), e.multipleHigh()), e.itemSource());
      }
      html.append(beside.html());
    }
    HtmlTable year = HtmlTable.create("When each leaderboard's trend reaches a target (forecast)", "leaderboard", "response", "target %",
        "fit", "n", "trend (log10(1/err) per year)", "R²", "year", "95% bootstrap", "best so far %", "first reached");
    for (YearForecastRow y : years) {
      year.row(y.leaderboard(), y.response(), y.targetAccuracyPct(), y.fit(), y.n(), y.slopePerYear(), y.r2(),
          y.year() == null ? y.reason() : String.format(Locale.ROOT, "%.1f", y.year()), yearRange(y.yearCiLow(), y.yearCiHigh()),
          y.bestAccuracyPct(), y.firstReachedYear() == null ? "not yet" : String.format(Locale.ROOT, "%.1f", y.firstReachedYear()));
    }
    html.append(year.html());
    List<InterventionRow> interventions = sorted(PipelineTables.INTERVENTIONS.readAll(spark, tables).stream(),
        asc(InterventionRow::basis).thenComparing(asc(InterventionRow::groupValue)).thenComparing(asc(InterventionRow::rank)));
    if (!interventions.isEmpty()) {
      html.append("<h3>Where advances come from</h3>\n<p>Interventions ranked by the robust accuracy they gain per doubling of")
          .append(" training compute: predicted by a regression over each leaderboard's WideResNet entries (the gains are")
          .append(" associations across papers, not controlled experiments), and measured on our runs against the cheapest")
          .append(" configuration.</p>\n");
      HtmlTable t = HtmlTable.create("Interventions by gain per compute doubling", "basis", "group", "rank", "intervention",
          "gain (points)", "95% interval", "compute x", "compute basis", "gain per doubling", "n", "R²");
      for (InterventionRow r : interventions) {
        t.row(r.basis(), r.groupValue(), r.rank(), r.intervention(), r.gainPct(), range(r.gainCiLowPct(), r.gainCiHighPct()),
            r.computeFactor(), r.computeBasis(), r.gainPerComputeDoublingPct(), r.n(), r.r2());
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

  private static <R> java.util.function.Predicate<R> distinctBy(Function<R, String> a, Function<R, String> b) {
    java.util.Set<List<String>> seen = new java.util.HashSet<>();
    return r -> seen.add(java.util.Arrays.asList(a.apply(r), b.apply(r)));
  }

  /** @return each distinct value of a key, sorted: the leaderboards or groups a section iterates over */
  private static <R> List<String> distinctSorted(List<R> rows, Function<R, String> key) {
    return rows.stream().map(key).distinct().sorted().toList();
  }

  private static String fitName(FitRow f) {
    return "ols".equals(f.method()) ? "OLS" : "tau = " + f.tau();
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
    for (Table<?> t : List.of(PipelineTables.ROBUSTBENCH_ENTRIES, PipelineTables.ROBUSTBENCH_PARSE_ISSUES, PipelineTables.REJECTED_FILES)) {
      inputs.row(t.name(), t.read(spark, tables).count());
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

  private static double interceptOf(List<FitRow> fits, String fitId) {
    return fits.stream()
        .filter(r -> fitId.equals(r.fitId()) && "intercept".equals(r.term()))
        .mapToDouble(FitRow::estimate)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("fit " + fitId + " has no intercept row"));
  }

  private static String slug(String board) {
    return board.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }
}
