package robustperf.train.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.LayerProfile;
import robustperf.records.Norm;
import robustperf.records.Precision;
import robustperf.records.ThreatModel;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.loop.EpochMonitor;
import robustperf.train.loop.RunSpec;
import robustperf.train.schedule.LearningRateSchedule;

class LayerProfilerTest {
  @TempDir Path scratch;

  private static RunSpec spec(String method, Map<String, String> parameters) {
    return new RunSpec(
        new RunSpec.Data("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, 3000, 500, 1000),
        new RunSpec.Recipe("small-cnn", method, parameters, ThreatModel.of(Norm.Linf, "0.1"), Precision.fp32),
        new RunSpec.Optimization(1, 128, 0.05, LearningRateSchedule.Kind.cyclic, 0.9, 5e-4, null),
        new RunSpec.Replicate(1, 0),
        new RunSpec.Monitoring(EpochMonitor.PGD_10, false));
  }

  @Test
  void convolutionsDominateAndScaleWithTheAttacksPasses() throws Exception {
    ImageDataset train = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, true).slice(0, 2400);
    List<LayerProfile> standard = LayerProfiler.profile(spec("standard", Map.of()), train, new LayerProfiler.Options(3, 15), scratch);
    List<LayerProfile> pgd = LayerProfiler.profile(spec("pgd", Map.of("steps", "3")), train, new LayerProfiler.Options(3, 15), scratch);

    assertTrue(standard.stream().allMatch(r -> r.phase().equals("step")), "standard training has no attack phase");
    assertTrue(pgd.stream().anyMatch(r -> r.phase().equals("attack")));
    // Convolutions scale with the passes: PGD-3 makes 9 forward-pass equivalents per image where standard training makes 3.
    double standardConv = seconds(standard, "step", "convolution");
    double pgdConv = seconds(pgd, "step", "convolution");
    double attackConv = seconds(pgd, "attack", "convolution");
    assertTrue(pgdConv > 2 * standardConv, "PGD-3 convolutions " + pgdConv + " s vs standard " + standardConv + " s");
    assertTrue(attackConv < pgdConv && attackConv > 0.4 * pgdConv, "attack convolutions " + attackConv + " of the step's " + pgdConv);
    LayerProfile conv = pgd.stream().filter(r -> r.phase().equals("step") && r.category().equals("convolution")).findFirst().orElseThrow();
    assertTrue(conv.selfSeconds() == pgd.stream().filter(r -> r.phase().equals("step")).mapToDouble(LayerProfile::selfSeconds).max().orElseThrow(),
        "convolutions take the largest share of a small CNN's step: " + pgd);
    // Operator time is part of the wall time (the rest is the framework, JNI and batch preparation).
    assertTrue(seconds(pgd, "step", null) < conv.wallSeconds(), pgd.toString());
    // FLOPs: (2K + 3) = 9 forward-pass equivalents per image in a PGD-3 step, 2K = 6 in its attack.
    LayerProfile attackRow = pgd.stream().filter(r -> r.phase().equals("attack") && r.category().equals("convolution")).findFirst().orElseThrow();
    assertEquals(9.0 / 6.0, conv.flops() / attackRow.flops(), 1e-9);
  }

  private static double seconds(List<LayerProfile> rows, String phase, String category) {
    return rows.stream().filter(r -> r.phase().equals(phase) && (category == null || r.category().equals(category)))
        .mapToDouble(LayerProfile::selfSeconds).sum();
  }
}
