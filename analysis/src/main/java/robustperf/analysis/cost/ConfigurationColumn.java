package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Column;

/** A run's configuration: its id without the seed and repeat suffix, so that seeds and repeats group together. */
public final class ConfigurationColumn {
  private ConfigurationColumn() {}

  /** @return run_id with its trailing -sN-rN removed */
  public static Column of() {
    return expr("regexp_replace(run_id, '-s[0-9]+-r[0-9]+$', '')");
  }
}
