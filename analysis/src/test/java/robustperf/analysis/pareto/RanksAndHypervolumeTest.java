package robustperf.analysis.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import robustperf.ingest.SharedSparkSession;

class RanksAndHypervolumeTest {

  @Test
  void ranksEqualRepeatedBruteForcePeeling() {
    Random random = new Random(11);
    for (int trial = 0; trial < 100; trial++) {
      int n = 1 + random.nextInt(50);
      double[][] points = new double[n][3];
      for (double[] p : points) {
        for (int k = 0; k < 3; k++) {
          p[k] = random.nextInt(5);
        }
        if (random.nextInt(30) == 0) {
          p[1] = Double.NaN;
        }
      }
      Objective[] obj = {Objective.MAXIMIZE, Objective.MINIMIZE, Objective.MAXIMIZE};
      Integer[] expected = new Integer[n];
      List<Integer> left = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(points[i][1])) {
          left.add(i);
        }
      }
      for (int level = 1; !left.isEmpty(); level++) {
        double[][] sub = left.stream().map(i -> points[i]).toArray(double[][]::new);
        Boolean[] onFront = BruteForceFront.of(sub, obj);
        List<Integer> next = new ArrayList<>();
        for (int j = 0; j < sub.length; j++) {
          if (onFront[j]) {
            expected[left.get(j)] = level;
          } else {
            next.add(left.get(j));
          }
        }
        left = next;
      }
      assertArrayEquals(expected, ParetoRanks.of(points, obj), "trial " + trial);
    }
  }

  @Test
  void hypervolumeEqualsCountingUnitCells() {
    Random random = new Random(12);
    for (int trial = 0; trial < 200; trial++) {
      int d = 2 + random.nextInt(2);
      int n = random.nextInt(12);
      double[][] points = new double[n][d];
      Objective[] obj = new Objective[d];
      double[] reference = new double[d];
      for (int k = 0; k < d; k++) {
        obj[k] = random.nextBoolean() ? Objective.MAXIMIZE : Objective.MINIMIZE;
        reference[k] = obj[k] == Objective.MAXIMIZE ? 0 : 8;
      }
      for (double[] p : points) {
        for (int k = 0; k < d; k++) {
          p[k] = random.nextInt(9); // some on or beyond the reference: they add nothing
        }
      }
      assertEquals(cells(points, reference, obj), Hypervolume.of(points, reference, obj), 1e-9, "trial " + trial);
    }
  }

  /** Independent: counts the unit cells of the grid that some point dominates. */
  private static double cells(double[][] points, double[] reference, Objective[] obj) {
    int d = obj.length;
    int count = 0;
    int[] cell = new int[d];
    int total = (int) Math.pow(8, d);
    for (int c = 0; c < total; c++) {
      int rest = c;
      for (int k = 0; k < d; k++) {
        cell[k] = rest % 8;
        rest /= 8;
      }
      for (double[] p : points) {
        boolean covers = true;
        for (int k = 0; k < d; k++) {
          // The cell [cell, cell+1] in "gain" units beyond the reference.
          double gain = (p[k] - reference[k]) * (obj[k] == Objective.MAXIMIZE ? 1 : -1);
          covers &= gain >= cell[k] + 1;
        }
        if (covers) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  @Test
  void distributedFrontEqualsTheLocalFront() {
    Random random = new Random(13);
    List<Row> rows = new ArrayList<>();
    double[][] points = new double[5000][];
    for (int i = 0; i < points.length; i++) {
      points[i] = new double[] {random.nextInt(200), random.nextInt(200), random.nextInt(200)};
      rows.add(RowFactory.create((long) i, points[i][0], points[i][1], i % 97 == 0 ? null : points[i][2]));
      if (i % 97 == 0) {
        points[i][2] = Double.NaN;
      }
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("a", DataTypes.DoubleType)
        .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType);
    Dataset<Row> data = SharedSparkSession.get().createDataFrame(rows, schema).repartition(7);
    List<Long> distributed =
        new DistributedParetoFront(List.of(ObjectiveColumn.max("a"), ObjectiveColumn.min("b"), ObjectiveColumn.max("c")))
            .apply(data).collectAsList().stream().map(r -> r.getLong(0)).sorted().collect(Collectors.toList());
    ParetoFront local = ParetoFront.of(points, Objective.MAXIMIZE, Objective.MINIMIZE, Objective.MAXIMIZE);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      if (Boolean.TRUE.equals(local.onFront(i))) {
        expected.add((long) i);
      }
    }
    assertEquals(expected, distributed);
    assertNull(local.onFront(0));
  }
}
