package robustperf.analysis.report;

import static robustperf.tables.SqlOrder.asc;
import static robustperf.tables.SqlOrder.desc;
import static robustperf.tables.SqlOrder.sorted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.curated.RejectedFile;
import robustperf.tables.PipelineTables;
import robustperf.tables.pareto.LeaderboardFrontRow;
import robustperf.tables.trend.DoublingRow;

/**
 * Writes {@code <out>/index.html}: every table under {@code tables/} with its row count and
 * links, the files that were rejected, and the clean-vs-AutoAttack front of each leaderboard.
 */
public final class IndexPage {
  private IndexPage() {}

  /**
   * Writes the page.
   *
   * @param spark the session
   * @param outDir the pipeline output directory
   * @return the page's path
   */
  public static Path write(SparkSession spark, Path outDir) {
    CuratedTables tables = CuratedTables.under(outDir);
    StringBuilder html = new StringBuilder();
    html.append(Html.pageStart("RobustPerf output", ""))
        .append("<p>Generated ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" (UTC). Accuracies are percentages.</p>\n");
    tableList(spark, tables, html);
    rejected(spark, tables, html);
    fronts(spark, tables, html);
    halvingTimes(spark, tables, html);
    html.append("</body></html>\n");
    Path page = outDir.resolve("index.html");
    try {
      Files.writeString(page, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + page, e);
    }
    return page;
  }

  private static void tableList(SparkSession spark, CuratedTables tables, StringBuilder html) {
    html.append("<h2>Tables</h2>\n<p>The figures and fits are in <a href=\"report.html\">report.html</a>.</p>\n");
    StringBuilder rows = new StringBuilder("<table><tr><th>table</th><th>rows</th><th>CSV</th><th>Parquet</th></tr>\n");
    for (String name : tableNames(tables.root())) {
      long count = tables.read(spark, name).count();
      String n = Html.escape(name);
      rows.append("<tr><td>").append(n).append("</td><td class=\"n\">").append(count)
          .append("</td><td><a href=\"tables/").append(n).append(".csv\">").append(n).append(".csv</a>")
          .append("</td><td><a href=\"tables/").append(n).append("/\">").append(n).append("/</a></td></tr>\n");
    }
    html.append(rows).append("</table>\n");
  }

  private static void rejected(SparkSession spark, CuratedTables tables, StringBuilder html) {
    List<RejectedFile> rejected = sorted(PipelineTables.REJECTED_FILES.readAll(spark, tables).stream(), asc(RejectedFile::file));
    html.append("<h2>Rejected input files</h2>\n");
    if (rejected.isEmpty()) {
      html.append("<p>None: every input file was read.</p>\n");
      return;
    }
    HtmlTable table = HtmlTable.create(null, "source", "file", "reason");
    for (RejectedFile r : rejected) {
      table.row(r.source(), r.file(), r.reason());
    }
    html.append(table.html());
  }

  private static void fronts(SparkSession spark, CuratedTables tables, StringBuilder html) {
    List<LeaderboardFrontRow> front = sorted(
        PipelineTables.PARETO_LEADERBOARDS.readAll(spark, tables).stream().filter(r -> Boolean.TRUE.equals(r.onFront())),
        asc(LeaderboardFrontRow::leaderboard).thenComparing(desc(LeaderboardFrontRow::cleanAccPct)));
    html.append("<h2>Clean vs AutoAttack accuracy: Pareto front of each leaderboard</h2>\n")
        .append("<p>Entries no other entry beats on both clean and AutoAttack accuracy (RobustBench")
        .append(" snapshot, see data/robustbench/PROVENANCE.md).</p>\n");
    String board = null;
    HtmlTable table = null;
    for (LeaderboardFrontRow r : front) {
      if (!r.leaderboard().equals(board)) {
        if (table != null) {
          html.append(table.html());
        }
        board = r.leaderboard();
        table = HtmlTable.create(board, "model id", "paper", "architecture", "year", "clean %", "AutoAttack %");
      }
      table.row(r.modelId(), r.name(), r.architecture(), r.pubYear(), r.cleanAccPct(), r.autoattackAccPct());
    }
    if (table != null) {
      html.append(table.html());
    }
  }

  private static void halvingTimes(SparkSession spark, CuratedTables tables, StringBuilder html) {
    List<DoublingRow> eras = sorted(PipelineTables.LEADERBOARD_DOUBLING.readAll(spark, tables).stream(),
        asc(DoublingRow::groupValue).thenComparing(asc(DoublingRow::eraMethod)).thenComparing(asc(DoublingRow::fromDate)));
    html.append("<h2>How fast robust error falls</h2>\n")
        .append("<p>Months for the AutoAttack error to halve (doubling time of 1/error), from OLS of")
        .append(" log2(1/error) on the publication date; 95% bootstrap intervals. Table ")
        .append("<a href=\"tables/").append(PipelineTables.LEADERBOARD_DOUBLING.name()).append(".csv\">")
        .append(PipelineTables.LEADERBOARD_DOUBLING.name()).append("</a>.</p>\n");
    HtmlTable table = HtmlTable.create(null, "leaderboard", "eras", "era", "n", "halving months", "95% interval", "R²");
    for (DoublingRow r : eras) {
      Double low = r.doublingMonthsLow();
      Double high = r.doublingMonthsHigh();
      Double months = r.doublingMonths();
      table.row(r.groupValue(), r.eraMethod(), r.era(), r.n(),
          months == null ? "" : String.format("%.0f", months),
          low == null ? r.note() : String.format("%.0f to %.0f", low, high),
          String.format("%.2f", r.r2()));
    }
    html.append(table.html());
  }

  private static List<String> tableNames(Path root) {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !robustperf.records.parquet.RecordFiles.isSkipped(n))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list tables in " + root, e);
    }
  }
}
