package robustperf.train.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import robustperf.records.KeptCheckpoint;
import robustperf.records.RunManifest;

/**
 * The manifest of an ensemble that averages its members' logits: it trained nothing itself, so
 * its fields come from its first member and its hyperparameters name every member, so that an
 * analysis can add up the members' training cost and set the ensemble beside them.
 */
public final class EnsembleManifest {
  private EnsembleManifest() {}

  /**
   * @param memberIds the member run ids
   * @return "ensemble-" and the first 8 hex digits of the SHA-256 of the sorted ids: one set of
   *     members, one id, whatever the order given
   */
  public static String defaultId(List<String> memberIds) {
    String joined = memberIds.stream().sorted().collect(Collectors.joining(","));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
      return "ensemble-" + HexFormat.of().formatHex(hash).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /**
   * @param id the ensemble's id
   * @param members the members' manifests (one dataset and threat model)
   * @param checkpoint which checkpoint of each member the ensemble uses
   * @return the ensemble's manifest
   */
  public static RunManifest of(String id, List<RunManifest> members, KeptCheckpoint checkpoint) {
    RunManifest first = members.get(0);
    Map<String, String> hyperparameters = new TreeMap<>();
    hyperparameters.put("members", members.stream().map(RunManifest::runId).collect(Collectors.joining(",")));
    hyperparameters.put("member_methods", members.stream().map(RunManifest::method).distinct().collect(Collectors.joining(",")));
    hyperparameters.put("member_checkpoint", checkpoint.label());
    hyperparameters.put("combination", "mean of the members' logits");
    hyperparameters.put("fields_from", first.runId() + " (hardware, software, epochs, batch size)");
    return new RunManifest(id, Instant.now(), first.dataset(), first.threatModel(),
        members.stream().map(RunManifest::architecture).distinct().collect(Collectors.joining("+")), RunManifest.ENSEMBLE_METHOD,
        hyperparameters, first.seed(), first.plannedEpochs(), first.batchSize(), first.precision(), first.hardware(),
        first.software(), first.gitCommit(), first.missing());
  }
}
