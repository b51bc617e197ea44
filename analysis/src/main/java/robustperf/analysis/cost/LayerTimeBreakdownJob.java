package robustperf.analysis.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.records.LayerProfile;
import robustperf.records.RunManifest;
import robustperf.tables.PipelineTables;
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
    Map<String, RunManifest> manifestOf = new HashMap<>();
    PipelineTables.RUN_MANIFEST.fromRows(manifests).forEach(m -> manifestOf.put(m.runId(), m));
    Map<ProfiledRun, Map<String, Map<String, LayerProfile>>> byRun = new LinkedHashMap<>();
    List<LayerProfile> rows = PipelineTables.LAYER_PROFILE.fromRows(profiles).stream()
        .filter(p -> manifestOf.containsKey(p.runId()))
        .sorted(Comparator.comparing(LayerProfile::runId).thenComparing(LayerProfile::device))
        .toList();
    for (LayerProfile r : rows) {
      RunManifest m = manifestOf.get(r.runId());
      byRun.computeIfAbsent(new ProfiledRun(r.runId(), r.device(), ConfigurationColumn.of(r.runId()), m.method()), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.phase(), k -> new LinkedHashMap<>()).put(r.category(), r);
    }
    List<LayerTimeRow> out = new ArrayList<>();
    for (Map.Entry<ProfiledRun, Map<String, Map<String, LayerProfile>>> run : byRun.entrySet()) {
      Map<String, LayerProfile> step = run.getValue().get("step");
      if (step == null) {
        continue; // an attack profile without its step has nothing to be a share of
      }
      Map<String, LayerProfile> attack = run.getValue().get("attack");
      LayerProfile any = step.values().iterator().next();
      int batches = any.batches();
      int batchSize = any.batchSize();
      double stepWall = any.wallSeconds();
      double stepPlainMs = 1000 * any.unprofiledWallSeconds() / batches;
      double overhead = stepWall / any.unprofiledWallSeconds();
      Double attackWall = attack == null ? null : attack.values().iterator().next().wallSeconds();
      String provenance = "measured: " + batches + " batches of " + batchSize + " under the profiler; " + any.profiler();
      double stepOps = 0;
      double attackOps = 0;
      ProfiledRun key = run.getKey();
      for (String category : LayerProfile.CATEGORIES) {
        LayerProfile s = step.get(category);
        LayerProfile a = attack == null ? null : attack.get(category);
        if (s == null && a == null) {
          continue;
        }
        double stepMs = s == null ? 0 : 1000 * s.selfSeconds() / batches;
        Double attackMs = attack == null ? null : a == null ? 0.0 : 1000 * a.selfSeconds() / batches;
        stepOps += stepMs;
        attackOps += attackMs == null ? 0 : attackMs;
        out.add(new LayerTimeRow(
            key.runId(), key.configuration(), key.method(), key.device(), category, stepMs, attackMs,
            Math.max(0, stepMs - (attackMs == null ? 0 : attackMs)), stepMs / (1000 * stepWall / batches), stepPlainMs, overhead,
            s == null || s.flops() == null ? null : s.flops() / batches,
            a == null || a.flops() == null ? null : a.flops() / batches, batches, batchSize, provenance));
      }
      double stepOutside = Math.max(0, 1000 * stepWall / batches - stepOps);
      Double attackOutside = attackWall == null ? null : Math.max(0, 1000 * attackWall / batches - attackOps);
      out.add(new LayerTimeRow(
          key.runId(), key.configuration(), key.method(), key.device(), OUTSIDE, stepOutside, attackOutside,
          Math.max(0, stepOutside - (attackOutside == null ? 0 : attackOutside)), stepOutside / (1000 * stepWall / batches), stepPlainMs,
          overhead, null, null,
          batches, batchSize, provenance));
    }
    return PipelineTables.LAYER_TIME.dataset(spark, out);
  }

  /** One profiled run on one device, with what its rows are labelled by. */
  private record ProfiledRun(String runId, String device, String configuration, String method) {}
}
