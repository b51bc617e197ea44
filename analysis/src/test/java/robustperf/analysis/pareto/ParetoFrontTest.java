package robustperf.analysis.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4})
  void equalsBruteForceOnRandomDataWithTiesDuplicatesAndNaN(int dims) {
    Random random = new Random(20261124L + dims);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(60);
      double[][] points = new double[n][dims];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < dims; k++) {
          // A small integer range makes ties and exact duplicates common.
          points[i][k] = random.nextInt(6);
          if (random.nextInt(40) == 0) {
            points[i][k] = Double.NaN;
          }
        }
        if (i > 0 && random.nextInt(8) == 0) {
          points[i] = points[random.nextInt(i)].clone();
        }
      }
      Objective[] objectives = new Objective[dims];
      for (int k = 0; k < dims; k++) {
        objectives[k] = random.nextBoolean() ? Objective.MAXIMIZE : Objective.MINIMIZE;
      }
      ParetoFront front = ParetoFront.of(points, objectives);
      Boolean[] expected = BruteForceFront.of(points, objectives);
      Boolean[] actual = new Boolean[n];
      int nan = 0;
      for (int i = 0; i < n; i++) {
        actual[i] = front.onFront(i);
        nan += expected[i] == null ? 1 : 0;
      }
      assertArrayEquals(expected, actual, "trial " + trial);
      assertEquals(nan, front.excluded(), "trial " + trial);
    }
  }

  @Test
  void duplicatesOnTheFrontAreAllOnIt() {
    double[][] points = {{1, 5}, {1, 5}, {2, 3}, {0, 5}, {2, 1}};
    ParetoFront front = ParetoFront.of(points, Objective.MAXIMIZE, Objective.MAXIMIZE);
    assertEquals(true, front.onFront(0));
    assertEquals(true, front.onFront(1));
    assertEquals(true, front.onFront(2));
    assertEquals(false, front.onFront(3));
    assertEquals(false, front.onFront(4));
  }

  @Test
  void nanPointsAreExcludedNotRanked() {
    ParetoFront front = ParetoFront.of(new double[][] {{Double.NaN, 9}, {1, 1}}, Objective.MAXIMIZE, Objective.MAXIMIZE);
    assertNull(front.onFront(0));
    assertEquals(true, front.onFront(1));
    assertEquals(1, front.excluded());
  }

  @Test
  void rowsMustMatchTheObjectives() {
    assertThrows(IllegalArgumentException.class, () -> ParetoFront.of(new double[][] {{1}}, Objective.MAXIMIZE, Objective.MAXIMIZE));
  }
}
