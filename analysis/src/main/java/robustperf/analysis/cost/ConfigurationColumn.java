package robustperf.analysis.cost;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import robustperf.records.Hardware;

/**
 * How the cost tables name a run's configuration (its id without the seed and repeat suffix, so
 * that seeds and repeats group together) and its machine: one rule, as a Spark column and in Java.
 */
public final class ConfigurationColumn {
  /** The seed and repeat suffix of a run id, "-s1-r0". */
  private static final String SEED_AND_REPEAT = "-s[0-9]+-r[0-9]+$";

  private ConfigurationColumn() {}

  /**
   * @param runId a run-id column
   * @return it with its trailing -sN-rN removed
   */
  public static Column of(Column runId) {
    return functions.regexp_replace(runId, SEED_AND_REPEAT, "");
  }

  /**
   * @param runId a run id
   * @return it with its trailing -sN-rN removed
   */
  public static String of(String runId) {
    return runId.replaceAll(SEED_AND_REPEAT, "");
  }

  /**
   * @param hardware a run's hardware, or null
   * @return "GPU model / CPU model", "no GPU" for the GPU part where there is none, unknown parts left out
   */
  public static String machine(Hardware hardware) {
    String gpu = hardware == null || hardware.gpuModel() == null ? "no GPU" : hardware.gpuModel();
    String cpu = hardware == null ? null : hardware.cpuModel();
    return cpu == null ? gpu : gpu + " / " + cpu;
  }
}
