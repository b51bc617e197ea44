import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import robustperf.records.EpochMetrics;
import robustperf.records.EvaluationResult;
import robustperf.records.KeptCheckpoint;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;

/**
 * Checks that a retrain reproduced runs: for every run under the first directory, the second has it,
 * every epoch's training loss, monitored accuracies and FLOPs are equal bit for bit, and so are
 * the final PGD-20 accuracies of the best and last checkpoints. Exit 1 on any difference.
 * Run by bench/training/same-runs.sh.
 */
public class SameRuns {
  public static void main(String[] args) throws Exception {
    Path retrain = Path.of(args[0]);
    Path embedded = Path.of(args[1]);
    int runs = 0;
    int epochs = 0;
    int evaluations = 0;
    int differences = 0;
    List<Path> dirs;
    try (Stream<Path> list = Files.list(retrain)) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      String id = dir.getFileName().toString();
      RunDirectory a = new RunDirectory(retrain, id);
      RunDirectory b = new RunDirectory(embedded, id);
      if (!Files.exists(b.manifest())) {
        System.out.println(id + ": not in " + embedded);
        differences++;
        continue;
      }
      runs++;
      for (int e = 1; Files.exists(a.epoch(e)) || Files.exists(b.epoch(e)); e++) {
        if (!Files.exists(a.epoch(e)) || !Files.exists(b.epoch(e))) {
          System.out.println(id + " epoch " + e + ": present in only one of the two");
          differences++;
          continue;
        }
        EpochMetrics x = (EpochMetrics) RecordFiles.read(a.epoch(e)).rows().get(0);
        EpochMetrics y = (EpochMetrics) RecordFiles.read(b.epoch(e)).rows().get(0);
        epochs++;
        if (!x.trainLoss().equals(y.trainLoss()) || !x.cleanAccuracyPct().equals(y.cleanAccuracyPct())
            || !x.robustAccuracyPct().equals(y.robustAccuracyPct()) || !x.trainingFlops().equals(y.trainingFlops())) {
          System.out.println(id + " epoch " + e + ": differs: loss " + x.trainLoss() + " vs " + y.trainLoss() + ", clean "
              + x.cleanAccuracyPct() + " vs " + y.cleanAccuracyPct() + ", robust " + x.robustAccuracyPct() + " vs "
              + y.robustAccuracyPct());
          differences++;
        }
      }
      for (KeptCheckpoint kept : List.of(KeptCheckpoint.BEST, KeptCheckpoint.LAST)) {
        Path x = a.evaluation(kept, "pgd-20");
        Path y = b.evaluation(kept, "pgd-20");
        if (!Files.exists(x) || !Files.exists(y)) {
          System.out.println(id + " " + kept + ": PGD-20 evaluation missing from one of the two");
          differences++;
          continue;
        }
        EvaluationResult ex = (EvaluationResult) RecordFiles.read(x).rows().get(0);
        EvaluationResult ey = (EvaluationResult) RecordFiles.read(y).rows().get(0);
        evaluations++;
        if (ex.cleanAccuracyPct() != ey.cleanAccuracyPct() || ex.robustAccuracyPct() != ey.robustAccuracyPct()) {
          System.out.println(id + " " + kept + ": PGD-20 differs: clean " + ex.cleanAccuracyPct() + " vs " + ey.cleanAccuracyPct()
              + ", robust " + ex.robustAccuracyPct() + " vs " + ey.robustAccuracyPct());
          differences++;
        }
      }
    }
    System.out.println(runs + " runs, " + epochs + " epochs and " + evaluations + " final evaluations compared; "
        + differences + " differences");
    System.exit(differences == 0 ? 0 : 1);
  }
}
