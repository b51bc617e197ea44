package robustperf.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.records.RecordSamples;
import robustperf.records.parquet.RecordFiles;

class RunRecorderTest {
  @TempDir Path runs;

  @Test
  void writesOneCompleteFilePerRecord() throws IOException {
    RunRecorder recorder = RunRecorder.start(runs, RecordSamples.manifest("r1"));
    recorder.epoch(RecordSamples.epoch("r1", 1));
    recorder.epoch(RecordSamples.epoch("r1", 2));
    recorder.evaluation(RecordSamples.evaluation("r1"));
    assertEquals(List.of(RecordSamples.epoch("r1", 2)), RecordFiles.read(recorder.directory().epoch(2)).rows());
    try (var files = Files.list(runs.resolve("r1"))) {
      assertEquals(
          List.of("epoch-0001.parquet", "epoch-0002.parquet", "eval-best-autoattack-standard.parquet", "manifest.parquet"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void refusesToRestartAnExistingRunAndRecordsOfOtherRuns() throws IOException {
    RunRecorder recorder = RunRecorder.start(runs, RecordSamples.manifest("r1"));
    assertThrows(IllegalStateException.class, () -> RunRecorder.start(runs, RecordSamples.manifest("r1")));
    assertThrows(IllegalArgumentException.class, () -> recorder.epoch(RecordSamples.epoch("r2", 1)));
  }

  @Test
  void readsMachineAndCommit(@TempDir Path repo) throws IOException {
    assertTrue(MachineInfo.cpuOnly().cpuCores() >= 1);
    Files.createDirectories(repo.resolve(".git/refs/heads"));
    Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs\n" + "a".repeat(40) + " refs/heads/main\n");
    assertEquals("a".repeat(40), GitCommit.of(repo.resolve(".git").getParent()).orElseThrow());
    Path cpuinfo = repo.resolve("cpuinfo");
    Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: Test CPU @ 2GHz\n");
    assertEquals("Test CPU @ 2GHz", MachineInfo.cpuModel(cpuinfo).orElseThrow());
  }
}
