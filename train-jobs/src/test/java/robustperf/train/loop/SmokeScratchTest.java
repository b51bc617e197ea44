package robustperf.train.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import robustperf.records.Norm;
import robustperf.records.ThreatModel;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.schedule.LearningRateSchedule;

class SmokeScratchTest {
  @Test
  void smoke() throws Exception {
    ImageDataset train = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, true);
    ImageDataset test = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, false);
    Path root = Files.createTempDirectory("runs");
    for (String[] m : new String[][] {{"pgd", "steps", "2", "awp_gamma", "0.001"}, {"pgd", "steps", "2", "awp_gamma", "0.005"}, {"trades", "beta", "6", "awp_gamma", "0.005"}}) {
      Map<String, String> p = m.length == 1 ? Map.of() : m.length == 3 ? Map.of(m[1], m[2]) : Map.of(m[1], m[2], m[3], m[4]);
      RunSpec spec = new RunSpec("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, "small-cnn", m[0], p,
          ThreatModel.of(Norm.Linf, "0.1"), 1, 128, 0.05, LearningRateSchedule.Kind.cyclic, 0.9, 5e-4, m[0].equals("mart") ? 0.995 : null,
          10000, 1000, 1000, 1, 0);
      long t = System.nanoTime();
      TrainingRun.Outcome o = TrainingRun.execute(spec, train, test, root, b -> {});
      System.out.printf("%s train %.1fs (%.0f ex/s) total %.1fs clean %.1f robust %.1f best %.1f/%.1f%n", spec.runId(), o.trainSeconds(), 10000 / o.trainSeconds(),
          (System.nanoTime() - t) / 1e9, o.last().cleanAccuracyPct(), o.last().robustAccuracyPct(), o.best().cleanAccuracyPct(), o.best().robustAccuracyPct());
    }
  }
}
