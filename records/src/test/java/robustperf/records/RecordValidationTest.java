package robustperf.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidationTest {

  @Test
  void nanIsRejectedWithTheColumnNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EpochMetrics(
                    "r1", 1, 0.1, Double.NaN, 50.0, 30.0, "pgd-10", 100, 1, 1, 1.0, 1.0, List.of(),
                    1.0, 1.0, Map.of()));
    assertTrue(e.getMessage().contains("train_loss"), e.getMessage());
  }

  @Test
  void nullWithoutReasonIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EpochMetrics(
                    "r1", 1, 0.1, 0.5, 50.0, 30.0, "pgd-10", 100, 1, 1, 1.0, 1.0, List.of(), null,
                    1.0, Map.of()));
    assertTrue(e.getMessage().contains("co2_kg is null without a reason"), e.getMessage());
  }

  @Test
  void valueAndReasonTogetherAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new EpochMetrics(
                "r1", 1, 0.1, 0.5, 50.0, 30.0, "pgd-10", 100, 1, 1, 1.0, 1.0, List.of(), 1.0, 1.0,
                Map.of("usd", "no price")));
  }

  @Test
  void energyReadingNeedsReasonWhenNull() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new EnergyReading("gpu0", null, Provenance.measured, "nvml", null));
  }

  @Test
  void epsParsesFractionsAndDecimals() {
    assertEquals(8.0 / 255, ThreatModel.parseEps("8/255"), 1e-15);
    assertEquals(0.031, ThreatModel.parseEps(" 0.031 "), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> ThreatModel.parseEps("8/0"));
    assertThrows(IllegalArgumentException.class, () -> ThreatModel.parseEps("eight"));
    assertThrows(IllegalArgumentException.class, () -> ThreatModel.parseEps("-1"));
  }

  @Test
  void unsafeIdsAreRejected() {
    for (String bad : new String[] {"../etc", "a/b", "", ".hidden", "a..b", "x".repeat(129)}) {
      assertThrows(IllegalArgumentException.class, () -> PathSafeId.check("run id", bad), bad);
    }
    assertEquals("Wong2020Fast_R18-v1.2", PathSafeId.check("id", "Wong2020Fast_R18-v1.2"));
  }

  @Test
  void robustAboveCleanIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EvaluationResult(
                    "r", Checkpoint.last, "pgd-20", "1", ThreatModel.of(Norm.L2, "0.5"), 10, 40, 50,
                    List.of(), List.of(), List.of(), java.time.Instant.EPOCH, null));
    assertTrue(e.getMessage().contains("exceeds clean accuracy"), e.getMessage());
  }

  @Test
  void exampleStatusesMustAddUpToTheAccuraciesOfEveryStage() {
    EvaluationResult ok = RecordSamples.evaluation("r");
    assertEquals(1000, ok.exampleStatus().size());
    // one point moved from apgd-t to apgd-ce: the totals hold but the stage after apgd-ce does not
    List<String> moved = new java.util.ArrayList<>(ok.exampleStatus());
    moved.set(moved.indexOf("apgd-t"), "apgd-ce");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvaluationResult(
        "r", ok.checkpoint(), ok.attackSuite(), ok.suiteVersion(), ok.threatModel(), ok.n(), ok.cleanAccuracyPct(),
        ok.robustAccuracyPct(), ok.stages(), moved, ok.warnings(), ok.evaluatedAt(), null));
    assertTrue(e.getMessage().contains("after stage apgd-ce"), e.getMessage());
    List<String> unknown = new java.util.ArrayList<>(ok.exampleStatus());
    unknown.set(unknown.indexOf("apgd-t"), "fab-t");
    e = assertThrows(IllegalArgumentException.class, () -> new EvaluationResult(
        "r", ok.checkpoint(), ok.attackSuite(), ok.suiteVersion(), ok.threatModel(), ok.n(), ok.cleanAccuracyPct(),
        ok.robustAccuracyPct(), ok.stages(), unknown, ok.warnings(), ok.evaluatedAt(), null));
    assertTrue(e.getMessage().contains("example 0") || e.getMessage().contains("status 'fab-t'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new EvaluationResult(
        "r", ok.checkpoint(), ok.attackSuite(), ok.suiteVersion(), ok.threatModel(), ok.n(), ok.cleanAccuracyPct(),
        ok.robustAccuracyPct(), ok.stages(), ok.exampleStatus().subList(0, 999), ok.warnings(), ok.evaluatedAt(), null));
    assertTrue(e.getMessage().contains("999 example statuses"), e.getMessage());
  }

  @Test
  void anEpochCheckpointNeedsItsEpochAndBestOrLastNone() {
    assertEquals(KeptCheckpoint.ofEpoch(12), KeptCheckpoint.parse("epoch-12"));
    assertEquals("epoch-0012", KeptCheckpoint.parse("epoch-0012").label());
    assertEquals(KeptCheckpoint.BEST, KeptCheckpoint.parse("best"));
    assertEquals("last", KeptCheckpoint.LAST.label());
    for (String bad : new String[] {"epoch-0", "epoch-", "epoch-1/../x", "Best", "", "epoch--1"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeptCheckpoint.parse(bad), bad);
      assertTrue(e.getMessage().contains("best, last or epoch-N"), e.getMessage());
    }
    EvaluationResult ok = RecordSamples.evaluation("r");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvaluationResult(
        "r", Checkpoint.epoch, ok.attackSuite(), ok.suiteVersion(), ok.threatModel(), ok.n(), ok.cleanAccuracyPct(),
        ok.robustAccuracyPct(), ok.stages(), ok.exampleStatus(), ok.warnings(), ok.evaluatedAt(), null));
    assertTrue(e.getMessage().contains("evaluation of r") && e.getMessage().contains("needs its epoch"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EvaluationResult(
        "r", Checkpoint.best, ok.attackSuite(), ok.suiteVersion(), ok.threatModel(), ok.n(), ok.cleanAccuracyPct(),
        ok.robustAccuracyPct(), ok.stages(), ok.exampleStatus(), ok.warnings(), ok.evaluatedAt(), 3));
  }
}
