package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import robustperf.ingest.session.SparkSessions;

/**
 * Every Zeppelin note in notebooks/zeppelin parses, holds only Markdown and Spark SQL paragraphs,
 * and its SQL runs on local Spark over the tables of the pipeline run on the embedded data/: each
 * statement succeeds and each query returns rows.
 */
@Tag("slow")
class ZeppelinNotesTest {
  @TempDir static Path out;
  private static Path repo;
  private static SparkSession spark;

  @BeforeAll
  static void runThePipeline() {
    repo = Path.of(System.getProperty("robustperf.repo"));
    PipelineCommandTest.Result run =
        PipelineCommandTest.execute("pipeline", "--data", repo.resolve("data").toString(), "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    spark = SparkSessions.create("zeppelin notes test");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyNoteRunsItsSqlOverThePipelinesTables() throws IOException {
    List<Path> notes;
    try (Stream<Path> files = Files.list(repo.resolve("notebooks/zeppelin"))) {
      notes = files.filter(f -> f.toString().endsWith(".zpln")).sorted().toList();
    }
    assertFalse(notes.isEmpty(), "no .zpln note under notebooks/zeppelin");
    for (Path note : notes) {
      JsonNode root = new ObjectMapper().readTree(note.toFile());
      assertTrue(root.path("name").asText().startsWith("RobustPerf"), note + ": name");
      int queries = 0;
      for (JsonNode paragraph : root.path("paragraphs")) {
        String text = paragraph.path("text").asText();
        String where = note.getFileName() + " paragraph '" + paragraph.path("title").asText() + "'";
        if (text.startsWith("%md")) {
          continue;
        }
        if (!text.startsWith("%spark.sql\n")) {
          fail(where + ": only %md and %spark.sql paragraphs are tested, got " + text.lines().findFirst().orElse(""));
        }
        for (String statement : statements(text.substring("%spark.sql\n".length()), where)) {
          try {
            List<Row> rows = spark.sql(statement).collectAsList();
            if (statement.stripLeading().toUpperCase().startsWith("SELECT")) {
              queries++;
              assertFalse(rows.isEmpty(), where + ": no rows from\n" + statement);
            }
          } catch (Exception e) {
            // Spark's AnalysisException is a checked exception that spark.sql does not declare
            throw new AssertionError(where + ": " + e.getMessage() + "\n" + statement, e);
          }
        }
      }
      assertTrue(queries >= 3, note + ": only " + queries + " queries");
    }
  }

  /** Zeppelin's dynamic form ${out=default} becomes the pipeline's output; statements end with ';'. */
  private static List<String> statements(String sql, String where) {
    String filled = sql.replaceAll("\\$\\{out(=[^}]*)?}", Matcher.quoteReplacement(out.toString()));
    assertFalse(filled.contains("${"), where + ": a form other than ${out} is not filled by this test");
    List<String> list = new ArrayList<>();
    for (String s : filled.split(";\\s*(\n|$)")) {
      if (!s.isBlank()) {
        list.add(s.strip());
      }
    }
    return list;
  }
}
