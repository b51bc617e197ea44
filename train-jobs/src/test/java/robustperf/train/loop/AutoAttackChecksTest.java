package robustperf.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import robustperf.records.Norm;
import robustperf.train.attack.EpsBall;
import robustperf.train.data.Datasets;
import robustperf.train.data.ImageDataset;
import robustperf.train.model.Network;
import robustperf.train.model.TorchScriptModel;

/**
 * The checks before AutoAttack on TorchScript fixtures written by python3-torch 1.13
 * (src/test/resources/torchscript/make_check_fixtures.py).
 */
class AutoAttackChecksTest {
  private static final Path DIR = Path.of("src/test/resources/torchscript");
  private static ImageDataset test;

  @BeforeAll
  static void data() {
    test = Datasets.open("fashion-mnist", Datasets.DEBIAN_FASHION_MNIST, false);
  }

  private static List<String> checks(String file, boolean randomizedExpected) throws IOException {
    try (TorchScriptModel model = TorchScriptModel.load(DIR.resolve(file), new float[0], new float[0]);
        NDManager manager = NDManager.newBaseManager()) {
      return AutoAttackChecks.of(new Network(model.block(), manager, null), test, 1000, randomizedExpected);
    }
  }

  @Test
  void aPlainDifferentiableModelPassesEveryCheck() throws IOException {
    assertEquals(List.of(), checks("tiny-cnn.pt", false));
  }

  /** The seed's question, whether AutoAttack still runs on a quantized model: it runs, blind. */
  @Test
  void anInt8QuantizedModelHasNoInputGradientAndIsFlagged() throws IOException {
    List<String> warnings = checks("tiny-cnn-int8.pt", false);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("zero gradient: 100 of the first 100 points"), warnings.get(0));
  }

  @Test
  void aRandomizedModelIsFlaggedUnlessTheRandVersionRuns() throws IOException {
    List<String> warnings = checks("tiny-cnn-noisy.pt", false);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("--version rand"), warnings.get(0));
    assertEquals(List.of(), checks("tiny-cnn-noisy.pt", true));
  }

  /** The warnings travel with the outcome, and the evaluation still runs to the end. */
  @Test
  void theEvaluationOfAQuantizedModelCarriesTheWarning() throws IOException {
    try (TorchScriptModel model = TorchScriptModel.load(DIR.resolve("tiny-cnn-int8.pt"), new float[0], new float[0]);
        NDManager manager = NDManager.newBaseManager()) {
      AutoAttackEvaluation.Outcome outcome = AutoAttackEvaluation.of(new Network(model.block(), manager, null), test, 20,
          new EpsBall(Norm.Linf, 0.1), AutoAttackEvaluation.APGD_CE_ONLY, new AutoAttackEvaluation.Settings(5, 10, 20, 0));
      assertEquals(20, outcome.status().size());
      assertTrue(outcome.warnings().get(0).startsWith("zero gradient"), outcome.warnings().toString());
    }
  }
}
