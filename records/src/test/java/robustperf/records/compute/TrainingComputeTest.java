package robustperf.records.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingComputeTest {
  /** WRN-34-10 at 32 px with 10 classes: the reference table's 6.659 GMACs. */
  private static final long WRN_34_10_MACS = 6_659_000_000L;

  private static final ArchitectureCosts COSTS = new ArchitectureCosts(Map.of(
      "wrn-34-10@32/10", new ArchitectureCost("wrn-34-10", 32, 10, 46_160_474, WRN_34_10_MACS, "test"),
      "wrn-34-10@32/100", new ArchitectureCost("wrn-34-10", 32, 100, 46_183_604, WRN_34_10_MACS + 57_600, "test"),
      "resnet-50@224/1000", new ArchitectureCost("resnet-50", 224, 1000, 25_557_032, 4_100_000_000L, "test")));

  private static SourcedFigure firm(String value) {
    return new SourcedFigure(value, "https://example.org/paper", "Sec. 4", Confidence.high);
  }

  private static TrainingRecipe recipe(String leaderboard, String architecture, int models, Object... figures) {
    Map<RecipeFigure, SourcedFigure> map = new EnumMap<>(RecipeFigure.class);
    for (int i = 0; i < figures.length; i += 2) {
      Object value = figures[i + 1];
      map.put((RecipeFigure) figures[i], value instanceof SourcedFigure f ? f : firm(value.toString()));
    }
    return new TrainingRecipe(leaderboard, "M", architecture, models, null, java.util.List.of(), map, null, 2);
  }

  @Test
  void aPgd10WideResNet34For100EpochsEqualsTheFormulaByHand() {
    ComputeEstimate e = TrainingCompute.of(recipe("cifar10/Linf", "wrn-34-10", 1,
        RecipeFigure.METHOD, "pgd", RecipeFigure.ATTACK_STEPS, "10", RecipeFigure.EPOCHS, "100",
        RecipeFigure.REAL_EXAMPLES, "50000", RecipeFigure.INPUT_SIZE, "32"), COSTS);
    double f = 2.0 * 6.659e9;
    // Per example: forward + input-gradient backward per attack step (2 x 10), then forward and weight backward (3).
    assertEquals(f * 23 * 100 * 50_000, e.trainingFlopsCentral(), 1);
    assertEquals(f * 23 * 100 * 50_000, e.trainingFlopsLow(), 1);
    assertEquals(f * 33 * 100 * 50_000, e.trainingFlopsHigh(), 1, "weight gradients in every attack step: 3(K + 1)");
    assertEquals(1.53157e18, e.trainingFlopsCentral(), 0.00001e18, "13.318 GFLOPs x 23 passes x 5e6 examples");
    assertEquals(Confidence.high, e.weakest());
    assertEquals(java.util.List.of(), e.rules());
    assertFalse(e.restsOnLowFigures());
  }

  @Test
  void tradesAwpStepsAndBatchAndAnEnsemble() {
    ComputeEstimate e = TrainingCompute.of(recipe("cifar100/Linf", "wrn-34-10", 3,
        RecipeFigure.METHOD, "trades+awp", RecipeFigure.ATTACK_STEPS, "10", RecipeFigure.STEPS, "1000",
        RecipeFigure.BATCH_SIZE, "512", RecipeFigure.INPUT_SIZE, "32"), COSTS);
    double f = 3 * 2.0 * (WRN_34_10_MACS + 57_600);
    assertEquals(512_000, e.examplesSeen());
    assertEquals(new double[] {26 + 6, 27 + 6, 37 + 6}[1], e.passesCentral());
    assertEquals(f * 33 * 512_000, e.trainingFlopsCentral(), 1);
    assertEquals(f * 32 * 512_000, e.trainingFlopsLow(), 1);
    assertEquals(f * 43 * 512_000, e.trainingFlopsHigh(), 1);
  }

  @Test
  void gapsFilledByRulesAreListedAndMakeTheEstimateLow() {
    ComputeEstimate e = TrainingCompute.of(recipe("cifar10/Linf", "wrn-34-10", 1,
        RecipeFigure.METHOD, "fgsm-rs", RecipeFigure.EPOCHS, "15", RecipeFigure.REAL_FRACTION, "0.3"), COSTS);
    assertEquals(5, e.passesCentral(), "single step: 2 x 1 + 3");
    assertEquals(15 * 50_000 / 0.3, e.examplesSeen(), 1e-6);
    assertEquals(Confidence.low, e.weakest());
    assertEquals(4, e.rules().size(), e.rules().toString());
    assertTrue(e.rules().contains("input size: cifar10's standard 32 px"));
    assertTrue(e.restsOnLowFigures());
  }

  @Test
  void aLowFigureMakesTheEstimateLow() {
    SourcedFigure fromCode = new SourcedFigure("10", "https://example.org/train.py", "rule: argparse default", Confidence.low);
    ComputeEstimate e = TrainingCompute.of(recipe("cifar10/Linf", "wrn-34-10", 1, RecipeFigure.METHOD, "trades",
        RecipeFigure.ATTACK_STEPS, fromCode, RecipeFigure.EPOCHS, "100", RecipeFigure.REAL_EXAMPLES, "50000",
        RecipeFigure.INPUT_SIZE, "32"), COSTS);
    assertEquals(Confidence.low, e.weakest());
    assertTrue(e.rules().isEmpty());
  }

  @Test
  void whatCannotBeCountedIsNullWithItsReason() {
    ComputeEstimate composite = TrainingCompute.of(recipe("cifar10/Linf", null, 1, RecipeFigure.METHOD, "trades"), COSTS);
    assertNull(composite.trainingFlopsCentral());
    assertTrue(composite.reason().startsWith("no architecture definition"), composite.reason());
    ComputeEstimate other = TrainingCompute.of(recipe("cifar10/Linf", "wrn-34-10", 1, RecipeFigure.METHOD, "other",
        RecipeFigure.EPOCHS, "100"), COSTS);
    assertTrue(other.reason().startsWith("method 'other'"), other.reason());
    ComputeEstimate uncounted = TrainingCompute.of(recipe("imagenet/Linf", "wrn-34-10", 1, RecipeFigure.METHOD, "pgd",
        RecipeFigure.ATTACK_STEPS, "3", RecipeFigure.EPOCHS, "90"), COSTS);
    assertTrue(uncounted.reason().contains("not in architectures.csv"), uncounted.reason());
    ComputeEstimate noEpochs = TrainingCompute.of(recipe("cifar10/Linf", "wrn-34-10", 1, RecipeFigure.METHOD, "pgd",
        RecipeFigure.ATTACK_STEPS, "7"), COSTS);
    assertEquals("no epochs or steps", noEpochs.reason());
  }

  @Test
  void pretrainingIsItsOwnColumn() {
    ComputeEstimate e = TrainingCompute.of(recipe("imagenet/Linf", "resnet-50", 1, RecipeFigure.METHOD, "pgd",
        RecipeFigure.ATTACK_STEPS, "3", RecipeFigure.EPOCHS, "10", RecipeFigure.INPUT_SIZE, "224",
        RecipeFigure.PRETRAINING, "ImageNet-1k 224px, standard training", RecipeFigure.PRETRAINING_EXAMPLES, "1281167",
        RecipeFigure.PRETRAINING_EPOCHS, "90"), COSTS);
    assertEquals(2 * 4.1e9 * 3 * 1_281_167 * 90, e.pretrainingFlops(), 1e6);
    assertEquals(2 * 4.1e9 * 9 * 1_281_167 * 10, e.trainingFlopsCentral(), 1e6, "real examples: ImageNet's training set, a rule");
  }
}
