package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import picocli.CommandLine;
import robustperf.records.EvaluationResult;
import robustperf.records.RecordSamples;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;

/** The pipeline end to end on the embedded snapshot plus hostile and broken input. */
@Tag("slow")
class PipelineCommandTest {
  @TempDir static Path work;
  private static Result run;

  record Result(int exit, String out, String err) {}

  static Result execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = RobustPerf.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void runThePipelineOnEmbeddedDataPlusBadInput() throws IOException {
    Path repo = Path.of(System.getProperty("robustperf.repo"));
    Path data = work.resolve("data");
    Path modelInfo = data.resolve("robustbench/model_info");
    try (Stream<Path> files = Files.walk(repo.resolve("data/robustbench/model_info"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = modelInfo.resolve(repo.resolve("data/robustbench/model_info").relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    String hostile =
        Files.readString(modelInfo.resolve("cifar10/Linf/Wong2020Fast.json"))
            .replace("Fast is better than free: Revisiting adversarial training", "<script>alert('x')</script>")
            .replace("\"83.34\"", "\"99.9\"").replace("\"43.21\"", "\"99.0\"");
    Files.writeString(modelInfo.resolve("cifar10/Linf/Hostile2026.json"), hostile);
    Files.writeString(modelInfo.resolve("cifar10/Linf/Broken.json"), "{\"name\": ");

    Files.createDirectories(data.resolve("catalogs"));
    try (Stream<Path> files = Files.list(repo.resolve("data/catalogs"))) {
      for (Path f : files.toList()) {
        Files.copy(f, data.resolve("catalogs").resolve(f.getFileName()));
      }
    }

    Path runs = data.resolve("runs");
    RunDirectory good = new RunDirectory(runs, "fmnist-trades-1");
    RecordFiles.write(good.manifest(), RunManifest.class, List.of(RecordSamples.manifest("fmnist-trades-1")));
    EvaluationResult eval = RecordSamples.evaluation("fmnist-trades-1");
    RecordFiles.write(good.evaluation(eval.keptCheckpoint(), eval.attackSuite()), EvaluationResult.class, List.of(eval));
    Files.writeString(runs.resolve("fmnist-trades-1/epoch-0001.parquet"), "PAR1 truncated");

    // Run twice, the second time with the inputs reversed and repartitioned: every table must come out the same.
    run = execute("pipeline", "--data", data.toString(), "--out", work.resolve("out").toString(), "--verify-determinism");
  }

  @Test
  void everyTableIsIdenticalWithTheInputsReversedAndRepartitioned() {
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("determinism: every table identical"), run.out());
    assertTrue(Files.isRegularFile(work.resolve("out/determinism-check/tables/forecast_year_to_target.csv")));
  }

  @Test
  void completesWithTheGoodDataAndNamesTheBadFiles() {
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().matches("(?s).*robustbench_entries\\s+189 rows.*"), run.out());
    assertTrue(run.out().matches("(?s).*evaluation\\s+1 rows.*"), run.out());
    assertTrue(run.out().matches("(?s).*rejected_files\\s+2 rows.*"), run.out());
    assertTrue(run.err().contains("cifar10/Linf/Broken.json: malformed JSON"), run.err());
    assertTrue(run.err().contains("fmnist-trades-1/epoch-0001.parquet: not a readable Parquet file"), run.err());
  }

  @Test
  void writesParquetAndCsvTablesAndAnIndex() throws IOException {
    Path tables = work.resolve("out/tables");
    for (String t : List.of("robustbench_entries", "pareto_clean_vs_autoattack", "evaluation", "rejected_files")) {
      assertTrue(Files.isDirectory(tables.resolve(t)), t);
      assertTrue(Files.readString(tables.resolve(t + ".csv")).lines().count() >= 2, t + ".csv");
    }
    String index = Files.readString(work.resolve("out/index.html"));
    assertTrue(index.contains("<a href=\"tables/pareto_clean_vs_autoattack.csv\">"), "index links the CSV");
    assertTrue(index.contains("Broken.json"), "index lists the rejected file");
    assertTrue(index.contains("How fast robust error falls"), "index shows the halving times");
    for (String t : List.of("regression_leaderboard_trends", "doubling_robust_error")) {
      assertTrue(Files.isDirectory(tables.resolve(t)), t);
    }
  }

  @Test
  void textFromDataIsEscapedInTheIndex() throws IOException {
    String index = Files.readString(work.resolve("out/index.html"));
    // The hostile entry tops cifar10/Linf on both accuracies, so it is on the rendered front.
    assertTrue(index.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "escaped name shown");
    assertFalse(index.contains("<script>"), "no raw script tag");
  }

  @Test
  void theReportRendersInABrowserWithEveryFigure() throws Exception {
    HeadlessChromium.require();
    Path report = work.resolve("out/report.html");
    String dom = HeadlessChromium.dumpDom(report, Files.createDirectories(work.resolve("chromium-dom")));
    // Four leaderboards x (Pareto, trend, halving eras) figures, all decoded by the browser.
    assertTrue(dom.contains("data-images-ok=\"12\""), "loaded images: " + dom.replaceAll("(?s).*(<body[^>]*>).*", "$1"));
    assertTrue(dom.contains("data-images-broken=\"0\""), "broken images present");
    assertTrue(dom.contains("cifar10/Linf: Pareto front"), "front table present");
    Path png = work.resolve("report.png");
    HeadlessChromium.screenshot(report, Files.createDirectories(work.resolve("chromium-shot")), png);
    java.awt.image.BufferedImage shot = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(1200, shot.getWidth());
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < shot.getHeight(); y += 7) {
      for (int x = 0; x < shot.getWidth(); x += 7) {
        colours.add(shot.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 50, "screenshot looks empty: " + colours.size() + " colours");
  }

  @Test
  void strictTurnsRejectedFilesIntoExitCode3() {
    Result strict =
        execute("ingest", "--strict", "--data", work.resolve("data").toString(), "--out", work.resolve("out-strict").toString());
    assertEquals(ExitCodes.REJECTED_INPUT, strict.exit(), strict.err());
  }

  @Test
  void aMissingSnapshotIsABadInputError() {
    Result missing = execute("ingest", "--data", work.resolve("nowhere").toString(), "--out", work.resolve("o").toString());
    assertEquals(ExitCodes.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains("no RobustBench snapshot at"), missing.err());
  }

  @Test
  void catalogsPrintWithSources() {
    Result catalogs = execute("catalogs", "--data", Path.of(System.getProperty("robustperf.repo"), "data").toString());
    assertEquals(0, catalogs.exit(), catalogs.err());
    assertTrue(catalogs.out().contains("NVIDIA A100 SXM4"), catalogs.out());
    assertTrue(catalogs.out().contains("369 gCO2/kWh  [Our World in Data (Ember)"), catalogs.out());
  }

  @Test
  void helpListsTheSubcommands() {
    Result help = execute("--help");
    assertEquals(0, help.exit());
    for (String sub : List.of("pipeline", "ingest", "analyze", "report", "nightly", "catalogs")) {
      assertTrue(help.out().contains(sub), help.out());
    }
  }
}
