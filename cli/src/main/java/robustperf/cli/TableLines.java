package robustperf.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import robustperf.ingest.curated.CuratedTables;

/**
 * The lines the ingest and the analyses print as they go, one per table as it is written: its rows,
 * and with timings its wall time (its computation included), so that a long run shows where it is.
 */
final class TableLines {
  private TableLines() {}

  /**
   * @param out where to print
   * @param timings print each table's seconds
   * @return the listener that prints them
   */
  static Consumer<CuratedTables.Written> printer(PrintWriter out, boolean timings) {
    return w -> {
      if (timings) {
        out.printf(Locale.ROOT, "%-44s %8d rows %8.1f s%n", w.table(), w.rows(), w.seconds());
      } else {
        out.printf("%-28s %8d rows%n", w.table(), w.rows());
      }
      out.flush();
    };
  }
}
