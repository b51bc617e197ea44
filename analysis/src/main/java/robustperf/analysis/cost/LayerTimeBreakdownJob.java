package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.LayerProfile;
import robustperf.tables.cost.LayerTimeRow;

/**
 * Spark job: where each profiled configuration's training time goes, per batch: every layer
 * category's operator time in whole steps, in the attack alone, and in the rest (the weight
 * update: step minus attack), and the wall time outside any operator. Profiles are small (a row
 * per phase and category), so they are arranged on the driver.
 */
public final class LayerTimeBreakdownJob {
  /** The pseudo-category of wall time in no profiled operator. */
  public static final String OUTSIDE = "outside operators";

  /**
   * @param spark the session
   * @param manifests run_manifest
   * @param profiles layer_profile
   * @return one {@link LayerTimeRow} per profiled run, device and category
   */
  public Dataset<Row> apply(SparkSession spark, Dataset<Row> manifests, Dataset<Row> profiles) {
    Map<List<String>, Map<String, Map<String, Row>>> byRun = new LinkedHashMap<>();
    for (Row r : profiles.join(manifests.select(col("run_id"), col("method"),
                ConfigurationColumn.of().as("configuration")), "run_id")
        .orderBy("run_id", "device").collectAsList()) {
      byRun.computeIfAbsent(List.of(r.getAs("run_id"), r.getAs("device"), r.getAs("configuration"), r.getAs("method")), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.getAs("phase"), k -> new LinkedHashMap<>()).put(r.getAs("category"), r);
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<List<String>, Map<String, Map<String, Row>>> run : byRun.entrySet()) {
      Map<String, Row> step = run.getValue().get("step");
      if (step == null) {
        continue; // an attack profile without its step has nothing to be a share of
      }
      Map<String, Row> attack = run.getValue().get("attack");
      Row any = step.values().iterator().next();
      int batches = any.getAs("batches");
      int batchSize = any.getAs("batch_size");
      double stepWall = any.<Double>getAs("wall_seconds");
      double stepPlainMs = 1000 * any.<Double>getAs("unprofiled_wall_seconds") / batches;
      double overhead = stepWall / any.<Double>getAs("unprofiled_wall_seconds");
      Double attackWall = attack == null ? null : attack.values().iterator().next().<Double>getAs("wall_seconds");
      String provenance = "measured: " + batches + " batches of " + batchSize + " under the profiler; " + any.getAs("profiler");
      double stepOps = 0;
      double attackOps = 0;
      for (String category : LayerProfile.CATEGORIES) {
        Row s = step.get(category);
        Row a = attack == null ? null : attack.get(category);
        if (s == null && a == null) {
          continue;
        }
        double stepMs = s == null ? 0 : 1000 * s.<Double>getAs("self_seconds") / batches;
        Double attackMs = attack == null ? null : a == null ? 0.0 : 1000 * a.<Double>getAs("self_seconds") / batches;
        stepOps += stepMs;
        attackOps += attackMs == null ? 0 : attackMs;
        out.add(RecordRows.toRow(new LayerTimeRow(
            run.getKey().get(0), run.getKey().get(2), run.getKey().get(3), run.getKey().get(1), category, stepMs, attackMs,
            Math.max(0, stepMs - (attackMs == null ? 0 : attackMs)), stepMs / (1000 * stepWall / batches), stepPlainMs, overhead,
            s == null || s.getAs("flops") == null ? null : s.<Double>getAs("flops") / batches,
            a == null || a.getAs("flops") == null ? null : a.<Double>getAs("flops") / batches, batches, batchSize, provenance)));
      }
      double stepOutside = Math.max(0, 1000 * stepWall / batches - stepOps);
      Double attackOutside = attackWall == null ? null : Math.max(0, 1000 * attackWall / batches - attackOps);
      out.add(RecordRows.toRow(new LayerTimeRow(
          run.getKey().get(0), run.getKey().get(2), run.getKey().get(3), run.getKey().get(1), OUTSIDE, stepOutside, attackOutside,
          Math.max(0, stepOutside - (attackOutside == null ? 0 : attackOutside)), stepOutside / (1000 * stepWall / batches), stepPlainMs,
          overhead, null, null,
          batches, batchSize, provenance)));
    }
    return spark.createDataFrame(out, RecordRows.schema(LayerTimeRow.class));
  }
}
