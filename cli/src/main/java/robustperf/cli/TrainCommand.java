package robustperf.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import robustperf.train.grid.GridRunner;
import robustperf.train.grid.GridShard;
import robustperf.train.grid.GridSpec;

/** {@code robustperf train}: runs a grid of adversarial-training runs, resumably. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a grid of runs (dataset x architectures x methods x hyperparameters x seeds x repeats) in DJL,"
          + " writing metric records as each epoch ends.",
      "Finished runs are skipped and interrupted ones restarted, so rerunning the same command resumes.",
      "With --shard i/n only shard i of n runs (a split balanced by expected FLOPs, the same in every shard);"
          + " shards run at once into one shared --runs directory, e.g. as a Slurm array (deploy/slurm/).",
      "With --spark (under spark-submit) every cell is a Spark task, trained in an executor."
    })
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Grid YAML, e.g. data/runs/fashion-mnist-cpu.yaml.")
  Path spec;

  @Mixin RunsDirectory runsDirectory;

  @Option(
      names = "--shard",
      paramLabel = "i/n",
      converter = GridShardConverter.class,
      description = "Run only shard i of n (0 <= i < n), e.g. 0/4; default: the whole grid.")
  GridShard shard = GridShard.WHOLE;

  @Option(
      names = "--spark",
      description = "Run the cells as Spark tasks, one cell a task, on the cluster spark-submit names (a GPU per task where"
          + " the cluster advertises GPUs, spark.task.cpus cores otherwise); --runs must be on a file system every"
          + " executor mounts.")
  boolean spark;

  @Option(names = "--no-progress", description = "No progress bar (for logs).")
  boolean noProgress;

  @Mixin CpuPowerOptions cpuPower;

  @Spec CommandSpec command;

  @Override
  public Integer call() throws IOException {
    // A bad spec or dataset is an IllegalArgumentException or DatasetException: ExitCodes reports it.
    PrintStream log = new PrintStream(System.out, true);
    if (spark && !shard.equals(GridShard.WHOLE)) {
      throw new IllegalArgumentException("--spark and --shard " + shard + " exclude each other: Spark schedules every cell of the grid");
    }
    GridRunner.Result result = spark
        ? SparkGridTraining.run(spec, runsDirectory.path(), cpuPower, log)
        : GridRunner.run(GridSpec.read(spec), shard, runsDirectory.path(), log, !noProgress, cpuPower.model());
    command.commandLine().getOut().printf(
        "ran %d, skipped %d finished, restarted %d; repeat summary: %s%n",
        result.ran().size(), result.skipped().size(), result.restarted().size(),
        result.summaryCsv().map(Path::toString).orElse("waits for the other shards"));
    return ExitCodes.OK;
  }
}
