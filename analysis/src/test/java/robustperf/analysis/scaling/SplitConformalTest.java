package robustperf.analysis.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitConformalTest {
  @Test
  void ninetyPercentIntervalsCoverNinetyPercentOfNewPoints() {
    // Simulated: a saturating law with 5% log noise; 200 trials of 200 points (half calibrate), 100
    // fresh points each. Theory: coverage between 0.90 and 0.90 + 1/101.
    SaturatingPowerLaw law = new SaturatingPowerLaw(15);
    double[] truth = {0.3, -1, 0.3};
    Random random = new Random(11);
    int covered = 0;
    int total = 0;
    for (int trial = 0; trial < 200; trial++) {
      double[] x = new double[200];
      double[] y = new double[200];
      for (int i = 0; i < x.length; i++) {
        x[i] = 13 + 4 * random.nextDouble();
        y[i] = Math.exp(law.logPrediction(new double[] {x[i]}, truth, null) + 0.05 * random.nextGaussian());
      }
      SplitConformal band = SplitConformal.calibrate(law, HuberLawFitter.defaults(), LawData.ofCompute(x, y), 0.5, 0.1, trial);
      for (int k = 0; k < 100; k++) {
        double xNew = 13 + 4 * random.nextDouble();
        double yNew = Math.exp(law.logPrediction(new double[] {xNew}, truth, null) + 0.05 * random.nextGaussian());
        double[] interval = band.interval(new double[] {xNew});
        if (yNew >= interval[0] && yNew <= interval[1]) {
          covered++;
        }
        total++;
      }
    }
    assertEquals(0.90, (double) covered / total, 0.03);
  }
}
