package robustperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.records.KeptCheckpoint;
import robustperf.records.InferenceBenchmark;
import robustperf.records.Precision;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.inference.InferenceBench;
import robustperf.train.meter.EnergySampler;
import robustperf.train.meter.NvmlMeter;
import robustperf.train.run.MachineInfo;

/**
 * {@code robustperf bench-inference}: latency, throughput and energy per image of a run's
 * checkpoint, or of an ensemble of runs as one model.
 */
@Command(
    name = "bench-inference",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a trained run's checkpoint: batch-1 latency p50/p95/p99 after a warm-up, throughput at a large batch,"
          + " and energy per image while the throughput batches run (measured where a meter reads, else estimated and labelled).",
      "FP32, FP16 where there is a GPU; INT8 is recorded as unsupported by the engine. Records go to the run's directory"
          + " as inference-<device>-<precision>-b<batch>.parquet."
    })
public final class BenchInferenceCommand implements Callable<Integer> {
  @Mixin RunsDirectory runsDirectory;

  @Option(names = "--run", required = true, paramLabel = "ID",
      description = "The run whose checkpoint to measure; give it more than once to measure the ensemble that averages those"
          + " runs' logits, as one model.")
  List<String> runIds;

  @Option(names = "--ensemble-id", paramLabel = "ID",
      description = "With several --run: the ensemble's id, a directory under --runs (default: ensemble- and a hash of the member ids).")
  String ensembleId;

  @Option(names = "--checkpoint", defaultValue = "best", paramLabel = "best|last|epoch-N", converter = KeptCheckpointConverter.class,
      description = "Which checkpoint: best, last, or epoch-N where training kept every epoch's (default: ${DEFAULT-VALUE}).")
  KeptCheckpoint checkpoint;

  @Option(names = "--precision", split = ",", paramLabel = "P", description = "fp32, fp16, int8 (default: fp32, fp16 with a GPU, int8).")
  List<Precision> precisions;

  @Option(names = "--batch", defaultValue = "256", description = "Throughput batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--latency-passes", defaultValue = "200", description = "Timed batch-1 passes (default: ${DEFAULT-VALUE}).")
  int latencyPasses;

  @Option(names = "--batches", defaultValue = "20", description = "Timed throughput batches (default: ${DEFAULT-VALUE}).")
  int batches;

  @Option(names = "--warmup", defaultValue = "20", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Mixin CpuPowerOptions cpuPower;

  @Spec CommandSpec command;

  @Override
  public Integer call() throws IOException {
    RunMembers members = RunMembers.read(runsDirectory.path(), runIds, checkpoint, ensembleId);
    RunDirectory dir = members.directory();
    InferenceBench.Settings settings = new InferenceBench.Settings(warmup, latencyPasses, batch, batches);
    EnergySampler.Sources meters = EnergySampler.Sources.system(MachineInfo.cpuOnly().memoryGib(), cpuPower.model());
    NvmlMeter nvml = NvmlMeter.open();
    PrintWriter out = command.commandLine().getOut();
    out.println("device precision batch p50_ms p95_ms p99_ms images_per_s joules_per_image file");
    long start = System.nanoTime();
    for (Precision precision : precisions == null ? InferenceBench.defaultPrecisions() : precisions) {
      // Where it is, on stderr: each precision takes warm-up, latency passes and throughput batches.
      command.commandLine().getErr().printf(Locale.ROOT, "[%.0f s] %s: %d warm-up passes, %d batch-1 passes, %d batches of %d%n",
          (System.nanoTime() - start) / 1e9, precision, warmup, latencyPasses, batches, batch);
      command.commandLine().getErr().flush();
      for (InferenceBenchmark b : InferenceBench.measure(
          dir.runId(), members.manifests(), members.checkpoints(runsDirectory.path(), checkpoint), precision, settings, meters, nvml)) {
        Path file = dir.inference(b.device() + "-" + b.precision() + "-b" + b.batchSize());
        RecordFiles.write(file, InferenceBenchmark.class, List.of(b));
        out.printf(Locale.ROOT, "%s %s %d %s %s %s %s %s %s%n", b.device(), b.precision(), b.batchSize(),
            text(b.latencyP50Ms()), text(b.latencyP95Ms()), text(b.latencyP99Ms()), text(b.throughputImagesPerSecond()),
            text(b.energyPerImageJoules()), file.getFileName());
        b.missing().forEach((column, why) -> {
          if (!column.startsWith("latency") || b.batchSize() == 1) {
            out.printf("    %s: %s%n", column, why);
          }
        });
      }
    }
    members.writeEnsembleManifest(checkpoint);
    return ExitCodes.OK;
  }

  private static String text(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.4g", value);
  }
}
