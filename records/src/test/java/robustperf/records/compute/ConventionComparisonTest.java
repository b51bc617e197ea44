package robustperf.records.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our convention beside Bartoldson et al.'s on their own released run. Their repository counts
 * training FLOPs as 7822 x N x D (bbartoldson/Adversarial-Robustness-Limits, scaling_law_utils.py
 * L315-L324 at b22988f5: "scale = 7822 # for FLOPs = FWD_FLOPS*27"), N the parameters, D the images
 * seen (epochs x 50,000): a forward cost of 7822 / 27 = 290 FLOPs per parameter, which holds for
 * their WideResNets at 32x32 and TRADES-10's 27 passes, our 2K + 7 for K = 10.
 */
class ConventionComparisonTest {
  private static final Path REPO = Path.of(System.getProperty("robustperf.repo", "."));

  @Test
  void ourEstimateOfTheirWrn94x16RunIsWithinThreePercentOfTheirs() {
    Map<String, ComputeEstimate> all = TrainingCompute.all(RecipeTable.read(REPO.resolve("data/compute/recipes.csv")).recipes(),
        ArchitectureCosts.read(REPO.resolve("data/compute/architectures.csv")));
    ComputeEstimate ours = all.get("cifar10/Linf/Bartoldson2024Adversarial_WRN-94-16");
    ArchitectureCost wrn = ArchitectureCosts.read(REPO.resolve("data/compute/architectures.csv")).find("wrn-94-16", 32, 10).orElseThrow();
    assertEquals(27.0, ours.passesCentral(), "TRADES-10: 2K + 7");
    double theirs = 7822.0 * wrn.parameters() * 10_000 * 50_000;
    // Ours counts 51,200 examples an epoch (25 batches of 2,048), theirs 50,000: 2.4% more.
    assertEquals(1.024, ours.trainingFlopsCentral() / theirs, 0.01);
    // Their 290 FLOPs per parameter is a WideResNet's ratio: on a PreActResNet-18 (100 FLOPs per parameter) it would be 2.9x ours.
    ArchitectureCost preAct = ArchitectureCosts.read(REPO.resolve("data/compute/architectures.csv")).find("preact-resnet-18", 32, 10)
        .orElseThrow();
    assertEquals(2.9, (7822.0 / 27) * preAct.parameters() / preAct.forwardFlops(), 0.1);
  }
}
