package robustperf.analysis.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.curated.CuratedTables;
import robustperf.tables.PipelineTables;

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
    List<Row> rejected = PipelineTables.REJECTED_FILES.read(spark, tables).orderBy("file").collectAsList();
    html.append("<h2>Rejected input files</h2>\n");
    if (rejected.isEmpty()) {
      html.append("<p>None: every input file was read.</p>\n");
      return;
    }
    HtmlTable table = HtmlTable.create(null, "source", "file", "reason");
    for (Row r : rejected) {
      table.row(r.getAs("source"), r.getAs("file"), r.getAs("reason"));
    }
    html.append(table.html());
  }

  private static void fronts(SparkSession spark, CuratedTables tables, StringBuilder html) {
    List<Row> front =
        PipelineTables.PARETO_LEADERBOARDS.read(spark, tables)
            .filter(col("on_front"))
            .orderBy(col("leaderboard"), col("clean_acc_pct").desc())
            .collectAsList();
    html.append("<h2>Clean vs AutoAttack accuracy: Pareto front of each leaderboard</h2>\n")
        .append("<p>Entries no other entry beats on both clean and AutoAttack accuracy (RobustBench")
        .append(" snapshot, see data/robustbench/PROVENANCE.md).</p>\n");
    String board = null;
    HtmlTable table = null;
    for (Row r : front) {
      if (!r.getAs("leaderboard").equals(board)) {
        if (table != null) {
          html.append(table.html());
        }
        board = r.getAs("leaderboard");
        table = HtmlTable.create(board, "model id", "paper", "architecture", "year", "clean %", "AutoAttack %");
      }
      table.row(r.getAs("model_id"), r.getAs("name"), r.getAs("architecture"), r.getAs("pub_year"),
          r.<Double>getAs("clean_acc_pct"), r.<Double>getAs("autoattack_acc_pct"));
    }
    if (table != null) {
      html.append(table.html());
    }
  }

  private static void halvingTimes(SparkSession spark, CuratedTables tables, StringBuilder html) {
    List<Row> eras =
        PipelineTables.LEADERBOARD_DOUBLING.read(spark, tables).orderBy("group_value", "era_method", "from_date").collectAsList();
    html.append("<h2>How fast robust error falls</h2>\n")
        .append("<p>Months for the AutoAttack error to halve (doubling time of 1/error), from OLS of")
        .append(" log2(1/error) on the publication date; 95% bootstrap intervals. Table ")
        .append("<a href=\"tables/").append(PipelineTables.LEADERBOARD_DOUBLING.name()).append(".csv\">")
        .append(PipelineTables.LEADERBOARD_DOUBLING.name()).append("</a>.</p>\n");
    HtmlTable table = HtmlTable.create(null, "leaderboard", "eras", "era", "n", "halving months", "95% interval", "R²");
    for (Row r : eras) {
      Double low = r.getAs("doubling_months_low");
      Double high = r.getAs("doubling_months_high");
      Double months = r.getAs("doubling_months");
      table.row(r.getAs("group_value"), r.getAs("era_method"), r.getAs("era"), r.<Integer>getAs("n"),
          months == null ? "" : String.format("%.0f", months),
          low == null ? r.getAs("note") : String.format("%.0f to %.0f", low, high),
          String.format("%.2f", r.<Double>getAs("r2")));
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
