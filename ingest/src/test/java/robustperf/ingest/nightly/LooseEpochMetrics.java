package robustperf.ingest.nightly;

import java.util.List;
import java.util.Map;
import robustperf.records.EnergyReading;

/** EpochMetrics' columns without its checks: lets a test write the NaN a real writer refuses. */
public record LooseEpochMetrics(
    String runId,
    int epoch,
    double learningRate,
    Double trainLoss,
    Double cleanAccuracyPct,
    Double robustAccuracyPct,
    String robustAttack,
    Integer evalN,
    double wallSeconds,
    double examplesPerSecond,
    Double trainingFlops,
    Double attackFlops,
    List<EnergyReading> energy,
    Double co2Kg,
    Double usd,
    Map<String, String> missing) {}
