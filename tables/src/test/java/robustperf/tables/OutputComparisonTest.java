package robustperf.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.curated.CuratedTables;
import robustperf.ingest.curated.RejectedFile;

/** Two pipeline outputs written alike compare equal; a changed byte, row or page line is named. */
class OutputComparisonTest {
  private static final List<RejectedFile> ROWS = List.of(
      new RejectedFile("robustbench", "a.json", "malformed JSON"), new RejectedFile("metric-records", "b.parquet", "truncated"));

  private static Path output(Path dir, List<RejectedFile> rows, String generated) throws IOException {
    CuratedTables tables = CuratedTables.under(dir);
    PipelineTables.REJECTED_FILES.write(tables, SharedSparkSession.get(), rows);
    Files.writeString(dir.resolve("report.html"), "<p>Generated " + generated + " (UTC).</p>\n<p>body</p>\n");
    Files.writeString(dir.resolve("index.html"), "<p>index</p>\n");
    Files.createDirectories(dir.resolve("figures"));
    Files.write(dir.resolve("figures/f.png"), new byte[] {1, 2, 3});
    return dir;
  }

  @Test
  void outputsWrittenAlikeAreTheSameWhateverTheirTimeStamps(@TempDir Path dir) throws IOException {
    Path a = output(dir.resolve("a"), ROWS, "2026-12-01T07:29:21Z");
    Path b = output(dir.resolve("b"), List.of(ROWS.get(1), ROWS.get(0)), "2026-12-01T08:00:00Z");
    assertEquals(List.of(), OutputComparison.of(a, b).differences());
  }

  @Test
  void aChangedRowIsNamedByTableInItsCsvAndItsParquet(@TempDir Path dir) throws IOException {
    Path a = output(dir.resolve("a"), ROWS, "2026-12-01T07:29:21Z");
    Path b = output(dir.resolve("b"), List.of(ROWS.get(0), new RejectedFile("metric-records", "b.parquet", "truncated!")),
        "2026-12-01T07:29:21Z");
    List<String> differences = OutputComparison.of(a, b).differences();
    assertEquals(2, differences.size(), differences.toString());
    // Canonical order puts metric-records first: line 2 of the CSV (after its header), row 1 of the Parquet.
    assertTrue(differences.get(0).startsWith("tables/rejected_files.csv: bytes differ"), differences.get(0));
    assertTrue(differences.get(0).contains("at row/line 2,"), differences.get(0));
    assertTrue(differences.get(1).startsWith("tables/rejected_files: Parquet rows differ at row/line 1"), differences.get(1));
  }

  @Test
  void aMissingFigureAndAChangedPageAreNamed(@TempDir Path dir) throws IOException {
    Path a = output(dir.resolve("a"), ROWS, "2026-12-01T07:29:21Z");
    Path b = output(dir.resolve("b"), ROWS, "2026-12-01T07:29:21Z");
    Files.delete(b.resolve("figures/f.png"));
    Files.writeString(b.resolve("index.html"), "<p>index, changed</p>\n");
    List<String> differences = OutputComparison.of(a, b).differences();
    assertEquals(2, differences.size(), differences.toString());
    assertTrue(differences.get(0).startsWith("figures/f.png: only in "), differences.get(0));
    assertTrue(differences.get(1).startsWith("index.html: differs (time stamp masked) at row/line 1"), differences.get(1));
  }
}
