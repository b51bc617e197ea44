package robustperf.analysis.pareto;

import java.io.Serializable;

/**
 * A numeric column and which way is better.
 *
 * @param column column name
 * @param objective maximize or minimize
 */
public record ObjectiveColumn(String column, Objective objective) implements Serializable {
  /** @param column a column where more is better @return the objective */
  public static ObjectiveColumn max(String column) {
    return new ObjectiveColumn(column, Objective.MAXIMIZE);
  }

  /** @param column a column where less is better @return the objective */
  public static ObjectiveColumn min(String column) {
    return new ObjectiveColumn(column, Objective.MINIMIZE);
  }
}
