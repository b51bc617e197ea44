package robustperf.analysis.regression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A dataset and statsmodels' fits of it, written by src/test/python/make_regression_fixtures.py. */
record RegressionFixture(Map<String, double[]> columns, List<Map<String, String>> expected) {

  static RegressionFixture load(String name) {
    List<String[]> data = csv("/fixtures/regression/" + name + ".csv");
    Map<String, double[]> columns = new HashMap<>();
    String[] header = data.get(0);
    for (int c = 0; c < header.length; c++) {
      double[] values = new double[data.size() - 1];
      for (int r = 1; r < data.size(); r++) {
        values[r - 1] = Double.parseDouble(data.get(r)[c]);
      }
      columns.put(header[c], values);
    }
    List<String[]> exp = csv("/fixtures/regression/" + name + ".expected.csv");
    List<Map<String, String>> rows = new ArrayList<>();
    for (int r = 1; r < exp.size(); r++) {
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < exp.get(0).length; c++) {
        row.put(exp.get(0)[c], c < exp.get(r).length ? exp.get(r)[c] : "");
      }
      rows.add(row);
    }
    return new RegressionFixture(columns, rows);
  }

  ArrayObservations observations(String response, List<String> predictors) {
    double[] y = columns.get(response);
    double[][] x = new double[y.length][predictors.size()];
    for (int j = 0; j < predictors.size(); j++) {
      double[] col = columns.get(predictors.get(j));
      for (int i = 0; i < y.length; i++) {
        x[i][j] = col[i];
      }
    }
    return ArrayObservations.of(y, x);
  }

  /** The distinct (fit, response, predictors) groups, in file order. */
  List<List<Map<String, String>>> fits() {
    Map<String, List<Map<String, String>>> groups = new java.util.LinkedHashMap<>();
    for (Map<String, String> row : expected) {
      groups.computeIfAbsent(row.get("fit") + "|" + row.get("response") + "|" + row.get("predictors"), k -> new ArrayList<>()).add(row);
    }
    return new ArrayList<>(groups.values());
  }

  static List<String> predictors(Map<String, String> row) {
    return Arrays.asList(row.get("predictors").split("\\+"));
  }

  private static List<String[]> csv(String resource) {
    try (InputStream in = RegressionFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split(",", -1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
