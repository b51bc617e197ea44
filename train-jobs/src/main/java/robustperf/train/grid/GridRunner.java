package robustperf.train.grid;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import robustperf.records.RepeatSummary;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.loop.RunPlacement;
import robustperf.train.loop.RunSpec;
import robustperf.train.loop.TrainingRun;
import robustperf.train.meter.CpuPowerEstimate;
import robustperf.train.run.AtomicFile;
import robustperf.train.run.MachineInfo;

/**
 * Runs a grid, or one shard of it ({@link GridShard}), resumably: a finished run (its final
 * evaluation recorded) is skipped; a run with a directory but no final evaluation was killed, and
 * is deleted and restarted from scratch, so a resumed grid ends with the same runs as an
 * uninterrupted one. A progress bar counts batches with their rate and the ETA. When every run of
 * the grid has finished, repeats of one configuration are summarized MLPerf-style in
 * {@code <runs>/<grid>-summary.csv}.
 *
 * <p>Shards of one grid run at once into one runs directory (array tasks of a batch scheduler on a
 * shared file system) without touching each other's files: a shard looks only at its own cells'
 * directories, so it never deletes another shard's run in progress as unfinished; every file is
 * written under a unique temp name and renamed; and the summary, the one file of the whole grid,
 * is written only by a shard that finds every run finished, from the records alone, so whichever
 * shard writes it last writes the same bytes.
 */
public final class GridRunner {
  private GridRunner() {}

  /**
   * @param ran runs trained by this call
   * @param skipped runs already finished
   * @param restarted runs found unfinished and started again
   * @param summaryCsv the repeat summary written; empty while runs of other shards are unfinished
   */
  public record Result(List<String> ran, List<String> skipped, List<String> restarted, Optional<Path> summaryCsv) {}

  /**
   * @param grid the grid
   * @param runsRoot where run directories go
   * @param log where to report
   * @param progressBar whether to draw a progress bar on stderr
   * @return what ran
   * @throws IOException when records cannot be written
   */
  public static Result run(GridSpec grid, Path runsRoot, PrintStream log, boolean progressBar) throws IOException {
    return run(grid, runsRoot, log, progressBar, CpuPowerEstimate.notGiven(MachineInfo.cpuOnly().cpuModel()));
  }

  /**
   * @param grid the grid
   * @param runsRoot where run directories go
   * @param log where to report
   * @param progressBar whether to draw a progress bar on stderr
   * @param cpu the CPU power model for when RAPL is unreadable
   * @return what ran
   * @throws IOException when records cannot be written
   */
  public static Result run(GridSpec grid, Path runsRoot, PrintStream log, boolean progressBar, CpuPowerEstimate cpu)
      throws IOException {
    return run(grid, GridShard.WHOLE, runsRoot, log, progressBar, cpu);
  }

  /**
   * @param grid the grid
   * @param shard the shard of it to run
   * @param runsRoot where run directories go, shared by the grid's shards
   * @param log where to report
   * @param progressBar whether to draw a progress bar on stderr
   * @param cpu the CPU power model for when RAPL is unreadable
   * @return what ran
   * @throws IOException when records cannot be written
   */
  public static Result run(
      GridSpec grid, GridShard shard, Path runsRoot, PrintStream log, boolean progressBar, CpuPowerEstimate cpu)
      throws IOException {
    Files.createDirectories(runsRoot);
    Map<String, ImageDataset[]> datasets = new HashMap<>();
    CellWork work = new CellWork(run -> splits(datasets, run));
    List<RunSpec> cells = shard.cells(grid.runs(), work::flops);
    List<String> skipped = new ArrayList<>();
    List<String> restarted = new ArrayList<>();
    List<RunSpec> todo = new ArrayList<>();
    for (RunSpec run : cells) {
      switch (prepare(runsRoot, run)) {
        case FINISHED -> skipped.add(run.runId());
        case RESTARTED -> {
          restarted.add(run.runId());
          todo.add(run);
        }
        case NEW -> todo.add(run);
      }
    }
    String which = shard.count() == 1 ? "" : " shard " + shard + " (" + cells.size() + " of " + grid.runs().size() + " runs)";
    log.printf(
        Locale.ROOT, "grid %s%s: %d runs, %d finished already, %d to run (%d restarted after an interruption)%n",
        grid.name(), which, cells.size(), skipped.size(), todo.size(), restarted.size());

    long totalBatches = 0;
    for (RunSpec run : todo) {
      totalBatches += CellWork.batches(run, splits(datasets, run)[0]);
    }
    List<String> ran = new ArrayList<>();
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(grid.name())
            .setInitialMax(totalBatches)
            .setUnit(" batches", 1)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err));
    try (ProgressBar bar = progressBar ? builder.build() : null) {
      for (RunSpec run : todo) {
        ImageDataset[] splits = splits(datasets, run);
        if (bar != null) {
          bar.setExtraMessage(run.runId());
        }
        // for batch logs, where no bar is drawn: which run a killed job was in
        log.printf(Locale.ROOT, "%s: started (%d of %d)%n", run.runId(), ran.size() + 1, todo.size());
        TrainingRun.Outcome outcome =
            TrainingRun.execute(run, splits[0], splits[1], runsRoot, step -> {
              if (bar != null) {
                bar.stepBy(step);
              }
            }, cpu);
        ran.add(run.runId());
        log.println(described(outcome));
      }
    }
    return new Result(ran, skipped, restarted, summaryWhenFinished(grid, runsRoot, log));
  }

  /** What a cell's directory held before its turn. */
  public enum CellState {
    /** its final evaluation is recorded: skipped */
    FINISHED,
    /** a directory without the final evaluation, from a killed run: deleted, to be trained again */
    RESTARTED,
    /** no directory yet: to be trained */
    NEW
  }

  /**
   * One cell's turn.
   *
   * @param runId the cell
   * @param state what its directory held before
   * @param outcome the training, empty when it was finished already
   */
  public record CellResult(String runId, CellState state, Optional<TrainingRun.Outcome> outcome) {}

  /**
   * Trains one cell of a grid the way {@link #run} does each of its cells, for cluster engines
   * that schedule cells as tasks (one cell a task): skipped when finished, deleted and trained
   * again when half-written, trained when new. Reads the cell's dataset itself.
   *
   * @param run the cell
   * @param runsRoot the runs directory, shared by every task
   * @param cpu the CPU power model for when RAPL is unreadable
   * @param placement the device and the launcher's directory
   * @return what the turn did
   * @throws IOException when records cannot be written
   */
  public static CellResult runCell(RunSpec run, Path runsRoot, CpuPowerEstimate cpu, RunPlacement placement)
      throws IOException {
    Files.createDirectories(runsRoot);
    CellState state = prepare(runsRoot, run);
    if (state == CellState.FINISHED) {
      return new CellResult(run.runId(), state, Optional.empty());
    }
    ImageDataset[] splits = splits(new HashMap<>(), run);
    TrainingRun.Outcome outcome = TrainingRun.execute(run, splits[0], splits[1], runsRoot, batch -> {}, cpu, placement);
    return new CellResult(run.runId(), state, Optional.of(outcome));
  }

  /**
   * The order in which to hand a grid's cells to a scheduler that starts them one at a time as
   * slots free up: largest expected work ({@link CellWork}) first, so that no large cell starts
   * last and runs alone while the other slots idle.
   *
   * @param grid the grid
   * @return its cells, largest first
   */
  public static List<RunSpec> largestFirst(GridSpec grid) {
    Map<String, ImageDataset[]> datasets = new HashMap<>();
    CellWork work = new CellWork(run -> splits(datasets, run));
    return GridShard.largestFirst(grid.runs(), work::flops);
  }

  /**
   * Writes the repeat summary when every run of the grid has finished (the last shard or task to
   * end finds them all), else says how many have.
   *
   * @param grid the grid
   * @param runsRoot the runs directory
   * @param log where to say what is missing
   * @return the summary written, empty while runs are unfinished
   * @throws IOException when the summary cannot be written
   */
  public static Optional<Path> summaryWhenFinished(GridSpec grid, Path runsRoot, PrintStream log) throws IOException {
    long finished = grid.runs().stream().filter(run -> TrainingRun.finished(runsRoot, run.runId())).count();
    if (finished < grid.runs().size()) {
      log.printf(
          Locale.ROOT, "grid %s: %d of %d runs finished; the repeat summary is written when the last shard ends%n",
          grid.name(), finished, grid.runs().size());
      return Optional.empty();
    }
    return Optional.of(writeSummary(grid, runsRoot));
  }

  /**
   * @param outcome a trained run
   * @return its log line: training time, last and best checkpoints' final accuracies
   */
  public static String described(TrainingRun.Outcome outcome) {
    return String.format(
        Locale.ROOT, "%s: %.1f s training, last %.2f%% clean / %.2f%% %s, best (epoch %d) %.2f%% / %.2f%%",
        outcome.runId(), outcome.trainSeconds(), outcome.last().cleanAccuracyPct(), outcome.last().robustAccuracyPct(),
        TrainingRun.FINAL_SUITE, outcome.bestEpoch(), outcome.best().cleanAccuracyPct(),
        outcome.best().robustAccuracyPct());
  }

  /**
   * Readies a cell: finished ones are left alone; a directory without the final evaluation is a
   * killed run's, deleted so that the cell starts from scratch.
   */
  private static CellState prepare(Path runsRoot, RunSpec run) throws IOException {
    if (TrainingRun.finished(runsRoot, run.runId())) {
      return CellState.FINISHED;
    }
    Path dir = new RunDirectory(runsRoot, run.runId()).dir();
    if (Files.exists(dir)) {
      deleteTree(dir);
      return CellState.RESTARTED;
    }
    return CellState.NEW;
  }

  /**
   * Command-line entry without the CLI module: {@code GridRunner SPEC.yaml RUNS_DIR [i/n]}.
   *
   * @param args spec, runs directory and optionally the shard
   * @throws IOException when records cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2 && args.length != 3) {
      System.err.println("usage: GridRunner SPEC.yaml RUNS_DIR [SHARD i/n]");
      System.exit(2);
    }
    GridShard shard = args.length == 3 ? GridShard.parse(args[2]) : GridShard.WHOLE;
    run(GridSpec.read(Path.of(args[0])), shard, Path.of(args[1]), System.out, false,
        CpuPowerEstimate.notGiven(MachineInfo.cpuOnly().cpuModel()));
  }

  private static ImageDataset[] splits(Map<String, ImageDataset[]> cache, RunSpec run) {
    return cache.computeIfAbsent(
        run.dataset() + "|" + run.datasetRoot(),
        key -> new ImageDataset[] {
          Datasets.open(run.dataset(), run.datasetRoot(), true), Datasets.open(run.dataset(), run.datasetRoot(), false)
        });
  }

  /**
   * One row per configuration: training seconds and final accuracies (last checkpoint) over its
   * seeds and repeats, each MLPerf-style with min and max. Written atomically: shards that finish
   * together may both write it, with the same content.
   */
  private static Path writeSummary(GridSpec grid, Path runsRoot) throws IOException {
    Map<String, List<double[]>> byConfiguration = new LinkedHashMap<>();
    for (RunSpec run : grid.runs()) {
      Path dir = new RunDirectory(runsRoot, run.runId()).dir();
      if (!TrainingRun.finished(runsRoot, run.runId())) {
        continue;
      }
      String configuration = run.runId().replaceAll("-s\\d+-r\\d+$", "");
      byConfiguration.computeIfAbsent(configuration, k -> new ArrayList<>()).add(RunTotals.read(dir));
    }
    StringBuilder csv =
        new StringBuilder(
            "configuration,runs,rule,train_seconds_mean,train_seconds_min,train_seconds_max,"
                + "clean_accuracy_pct_mean,clean_accuracy_pct_min,clean_accuracy_pct_max,"
                + "robust_accuracy_pct_mean,robust_accuracy_pct_min,robust_accuracy_pct_max\n");
    for (Map.Entry<String, List<double[]>> e : byConfiguration.entrySet()) {
      RepeatSummary seconds = RepeatSummary.of(e.getValue().stream().map(t -> t[0]).toList());
      RepeatSummary clean = RepeatSummary.of(e.getValue().stream().map(t -> t[1]).toList());
      RepeatSummary robust = RepeatSummary.of(e.getValue().stream().map(t -> t[2]).toList());
      csv.append(
          String.format(
              Locale.ROOT, "%s,%d,%s,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f%n", e.getKey(), seconds.n(),
              seconds.rule(), seconds.mean(), seconds.min(), seconds.max(), clean.mean(), clean.min(), clean.max(),
              robust.mean(), robust.min(), robust.max()));
    }
    Path out = runsRoot.resolve(grid.name() + "-summary.csv");
    AtomicFile.write(out, stream -> stream.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
