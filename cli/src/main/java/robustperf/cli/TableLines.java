package robustperf.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The lines the ingest and the analyses print: each table with its rows, and its wall time where asked. */
final class TableLines {
  private TableLines() {}

  /**
   * @param out where to print
   * @param rows rows per table, in writing order
   * @param seconds wall seconds per table, or null to print none
   */
  static void print(PrintWriter out, Map<String, Long> rows, Map<String, Double> seconds) {
    rows.forEach((table, n) -> {
      if (seconds == null) {
        out.printf("%-28s %8d rows%n", table, n);
      } else {
        out.printf(Locale.ROOT, "%-44s %8d rows %8.1f s%n", table, n, seconds.getOrDefault(table, 0.0));
      }
    });
  }
}
