package robustperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.records.LayerProfile;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.grid.GridSpec;
import robustperf.train.loop.RunSpec;
import robustperf.train.profile.LayerProfiler;

/** {@code robustperf profile-layers}: where a configuration's training time goes, by layer type. */
@Command(
    name = "profile-layers",
    mixinStandardHelpOptions = true,
    description = {
      "Profile runs of a grid by layer type (convolution, normalization, activation, linear, attention, pooling, loss, other):"
          + " the run's model, method, data and seed, a few warm-up steps, then N steps under the PyTorch profiler and, for"
          + " adversarial methods, the attack alone on the same batches.",
      "Writes <runs>/<run id>/layer-profile-<device>.parquet (record kind layer_profile), which the pipeline ingests."
    })
public final class ProfileLayersCommand implements Callable<Integer> {
  @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Grid YAML the runs come from.")
  Path spec;

  @Option(names = "--run", required = true, paramLabel = "ID", description = "A run id of the grid (repeatable).")
  List<String> runIds;

  @Mixin RunsDirectory runsDirectory;

  @Option(names = "--batches", defaultValue = "20", description = "Steps profiled (default: ${DEFAULT-VALUE}).")
  int batches;

  @Option(names = "--warmup", defaultValue = "3", description = "Steps run first, not profiled (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--traces", paramLabel = "DIR", description = "Keep the profiler's Chrome traces here (default: a temporary directory, deleted).")
  Path traces;

  @Spec CommandSpec command;

  @Override
  public Integer call() throws IOException {
    GridSpec grid = GridSpec.read(spec);
    PrintWriter out = command.commandLine().getOut();
    Path scratch = traces != null ? traces : Files.createTempDirectory("robustperf-traces");
    // Runs of one grid share their dataset: read it once.
    java.util.Map<String, ImageDataset> opened = new java.util.HashMap<>();
    try {
      for (String id : runIds) {
        RunSpec run = grid.runs().stream().filter(r -> r.runId().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no run '" + id + "' in " + spec));
        ImageDataset train = opened.computeIfAbsent(run.dataset() + "|" + run.datasetRoot(),
            key -> Datasets.open(run.dataset(), run.datasetRoot(), true));
        ImageDataset trainPart = train.slice(0, train.size() - run.heldOutExamples());
        // Where it is, on stderr: each run is timed and profiled, its attack alone again for adversarial methods.
        command.commandLine().getErr().printf(Locale.ROOT, "[%d/%d] %s: %d warm-up and %d timed batches, then the same under the profiler%n",
            runIds.indexOf(id) + 1, runIds.size(), id, warmup, batches);
        command.commandLine().getErr().flush();
        List<LayerProfile> rows = LayerProfiler.profile(run, trainPart, new LayerProfiler.Options(warmup, batches), scratch);
        Path file = new RunDirectory(runsDirectory.path(), id).layerProfile(rows.get(0).device());
        Files.createDirectories(file.getParent());
        RecordFiles.write(file, LayerProfile.class, rows);
        for (String phase : LayerProfile.PHASES) {
          List<LayerProfile> of = rows.stream().filter(r -> r.phase().equals(phase)).toList();
          if (of.isEmpty()) {
            continue;
          }
          double total = of.stream().mapToDouble(LayerProfile::selfSeconds).sum();
          StringBuilder parts = new StringBuilder();
          for (LayerProfile r : of) {
            parts.append(String.format(Locale.ROOT, " %s %.0f%%", r.category(), 100 * r.selfSeconds() / total));
          }
          out.printf(Locale.ROOT, "%s %s: %.1f ms per batch of operator time (%.1f ms wall; %.1f ms without the profiler);%s%n", id,
              phase, 1000 * total / batches, 1000 * of.get(0).wallSeconds() / batches, 1000 * of.get(0).unprofiledWallSeconds() / batches,
              parts);
        }
        out.println("wrote " + file);
      }
    } finally {
      if (traces == null) {
        try (var files = Files.walk(scratch)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return ExitCodes.OK;
  }
}
