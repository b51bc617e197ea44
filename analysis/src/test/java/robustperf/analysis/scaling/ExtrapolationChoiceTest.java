package robustperf.analysis.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExtrapolationChoiceTest {
  /** Draws n points of a form (written around log10 C = 15) over u in [-2, 2], with 1% noise. */
  private static LawData draw(ScalingLaw law, double[] p, int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 13 + 4.0 * i / (n - 1);
      y[i] = Math.exp(law.logPrediction(new double[] {x[i]}, p, null) + 0.01 * random.nextGaussian());
    }
    return LawData.ofCompute(x, y);
  }

  @Test
  void ranksTheGeneratingFormFirstForEachForm() {
    List<ScalingLaw> forms = OneVariableLaws.all(15, 0.9);
    List<double[]> truths = List.of(
        new double[] {0.5, 0.2},            // power: err 0.79 to 0.13
        new double[] {0.3, -1, 0.3},        // saturating: 0.70 levelling at 0.30
        new double[] {0.1, 0.05},           // exponential in C/10^15
        new double[] {0.6, 0.25, 0.04},     // log-quadratic, accelerating
        new double[] {0.2, -0.5, -0.5, 1}); // M4: 0.73 to 0.22
    for (int f = 0; f < forms.size(); f++) {
      ScalingLaw truth = forms.get(f);
      for (long seed = 1; seed <= 3; seed++) {
        LawData data = draw(truth, truths.get(f), 120, seed);
        ExtrapolationChoice.Result result = ExtrapolationChoice.defaults().choose(r -> OneVariableLaws.all(r, 0.9), data);
        String table = result.scores().stream()
            .map(s -> s.rank() + ". " + s.law().name() + " extrapolation " + s.extrapolationRmse() + " in-sample " + s.inSampleRmse()
                + (s.chosen() ? " (chosen)" : ""))
            .collect(Collectors.joining("\n"));
        assertEquals(truth.name(), result.chosen().law().name(), "data of " + truth.name() + ", seed " + seed + ":\n" + table);
        assertEquals(90, result.nFit());
        assertEquals(30, result.nHeldOut());
      }
    }
  }

  @Test
  void heldOutPointsAllLieBeyondTheFittedOnes() {
    double[] x = {1, 2, 3, 3, 3, 3, 4, 5};
    double[] y = {0.8, 0.7, 0.6, 0.6, 0.6, 0.6, 0.5, 0.4};
    ExtrapolationChoice.Result result =
        new ExtrapolationChoice(0.5, 1.0, HuberLawFitter.defaults()).choose(r -> List.of(new PowerLaw(r)), LawData.ofCompute(x, y));
    assertEquals(6, result.nFit());
    assertEquals(3.0, result.splitLog10Compute());
    assertTrue(result.chosen().chosen());
  }
}
