package robustperf.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One valid record of each kind, with nulls and nested values, for tests. */
public final class RecordSamples {
  private RecordSamples() {}

  public static RunManifest manifest(String runId) {
    return new RunManifest(
        runId,
        Instant.parse("2026-11-24T10:15:30.123Z"),
        "fashion-mnist",
        ThreatModel.of(Norm.Linf, "0.1"),
        "small-cnn",
        "trades",
        Map.of("beta", "6", "steps", "10", "step_size", "0.025"),
        42L,
        10,
        128,
        Precision.fp32,
        new Hardware(null, 0, "AMD EPYC 7B13", 2, 23.4),
        Map.of("java", "17.0.15", "djl", "0.36.0"),
        null,
        Map.of("git_commit", "not a git checkout"));
  }

  public static EpochMetrics epoch(String runId, int epoch) {
    return new EpochMetrics(
        runId,
        epoch,
        0.05,
        0.731,
        81.5,
        null,
        null,
        1000,
        12.5,
        4800.0,
        3.1e12,
        2.2e13,
        List.of(
            new EnergyReading("cpu-package0", null, Provenance.measured, "rapl", "permission denied"),
            new EnergyReading("cpu", 0.00042, Provenance.estimated, "tdp-x-utilization", null)),
        0.0002,
        null,
        Map.of("robust_accuracy_pct", "not monitored this epoch", "usd", "no price catalog"));
  }

  public static EvaluationResult evaluation(String runId) {
    return new EvaluationResult(
        runId,
        Checkpoint.best,
        "autoattack-standard",
        "1.0",
        ThreatModel.of(Norm.Linf, "8/255"),
        1000,
        83.4,
        43.2,
        List.of(new AttackStage("apgd-ce", 45.0, 10.0), new AttackStage("apgd-t", 43.2, 30.5)),
        statuses(Map.of("misclassified", 166, "apgd-ce", 384, "apgd-t", 18, "robust", 432)),
        List.of("zero gradient: 3 of the first 100 points have an all-zero input gradient"),
        Instant.parse("2026-11-24T11:00:00Z"),
        null);
  }

  /** Per-example statuses with the given counts, interleaved so that order matters in comparisons. */
  public static List<String> statuses(Map<String, Integer> counts) {
    List<String> out = new java.util.ArrayList<>();
    new java.util.TreeMap<>(counts).forEach((status, k) -> out.addAll(java.util.Collections.nCopies(k, status)));
    java.util.Collections.shuffle(out, new java.util.Random(1));
    return out;
  }

  public static InferenceBenchmark inference(String runId) {
    return new InferenceBenchmark(
        runId,
        "cpu",
        1,
        Precision.fp32,
        1.2,
        1.9,
        2.4,
        800.0,
        null,
        null,
        Instant.parse("2026-11-24T12:00:00Z"),
        Map.of("energy_per_image_joules", "no energy meter readable"));
  }

  public static LayerProfile layerProfile(String runId, String phase, String category) {
    return new LayerProfile(
        runId, "cpu", phase, category, 20, 128, 0.75, 2.5, 1.0, category.equals("other") ? null : 1.5e12,
        "PyTorch profiler via DJL JniUtils (CPU, self time)", Instant.parse("2026-11-30T12:00:00Z"),
        category.equals("other") ? Map.of("flops", "the FLOP counter has no such category") : Map.of());
  }
}
