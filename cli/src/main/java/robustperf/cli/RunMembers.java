package robustperf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import robustperf.records.KeptCheckpoint;
import robustperf.records.PathSafeId;
import robustperf.records.RunManifest;
import robustperf.records.parquet.RecordFiles;
import robustperf.records.parquet.RunDirectory;
import robustperf.train.run.EnsembleManifest;

/**
 * The trained runs a command works on: one run, or the members of a logit-averaging ensemble,
 * with their manifests, and the directory the command's records go to (the run's, or the
 * ensemble's under its id).
 *
 * @param manifests the members' manifests, in the order given
 * @param directory where the records go
 */
record RunMembers(List<RunManifest> manifests, RunDirectory directory) {
  /**
   * @param runs the runs directory
   * @param ids one run id, or several for an ensemble
   * @param checkpoint the checkpoint every member must have
   * @param ensembleId the ensemble's id, or null for the default (a hash of the member ids)
   * @return the members
   * @throws IOException when a manifest cannot be read
   * @throws IllegalArgumentException naming a run without manifest or checkpoint, or members of different datasets or threat models
   */
  static RunMembers read(Path runs, List<String> ids, KeptCheckpoint checkpoint, String ensembleId) throws IOException {
    List<RunManifest> manifests = new ArrayList<>();
    for (String id : ids) {
      RunDirectory member = new RunDirectory(runs, PathSafeId.check("run id", id));
      if (!Files.exists(member.manifest()) || !Files.exists(member.checkpoint(checkpoint))) {
        throw new IllegalArgumentException(
            "run " + id + " under " + runs + " has no manifest or no " + member.checkpoint(checkpoint).getFileName());
      }
      manifests.add((RunManifest) RecordFiles.read(member.manifest()).rows().get(0));
    }
    RunManifest first = manifests.get(0);
    for (RunManifest m : manifests) {
      if (!m.dataset().equals(first.dataset()) || !m.threatModel().equals(first.threatModel())) {
        throw new IllegalArgumentException("ensemble members must share dataset and threat model: " + m.runId() + " has "
            + m.dataset() + " " + m.threatModel() + ", " + first.runId() + " has " + first.dataset() + " " + first.threatModel());
      }
    }
    RunDirectory dir = manifests.size() == 1 ? new RunDirectory(runs, first.runId())
        : new RunDirectory(runs, PathSafeId.check("ensemble id", ensembleId != null ? ensembleId : EnsembleManifest.defaultId(ids)));
    return new RunMembers(List.copyOf(manifests), dir);
  }

  /** @return whether several runs make one model */
  boolean ensemble() {
    return manifests.size() > 1;
  }

  /** @return each member's checkpoint file */
  List<Path> checkpoints(Path runs, KeptCheckpoint checkpoint) {
    return manifests.stream().map(m -> new RunDirectory(runs, m.runId()).checkpoint(checkpoint)).toList();
  }

  /** Writes the ensemble's manifest (members, methods, checkpoint) into its directory; nothing for one run. */
  void writeEnsembleManifest(KeptCheckpoint checkpoint) throws IOException {
    if (ensemble()) {
      Files.createDirectories(directory.dir());
      RecordFiles.write(directory.manifest(), RunManifest.class, List.of(EnsembleManifest.of(directory.runId(), manifests, checkpoint)));
    }
  }
}
