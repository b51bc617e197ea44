package robustperf.train.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.train.loop.EpochMonitor;
import robustperf.train.loop.RunSpec;

class GridSpecTest {
  @TempDir Path dir;

  @Test
  void expandsEveryAxisAndEveryListedHyperparameter() throws IOException {
    Path file = write(
        """
        name: g
        dataset: fashion-mnist
        eps: "0.1"
        architectures: [small-cnn, preact-resnet-18]
        methods:
          - standard
          - {name: trades, beta: [1, 3, 6]}
          - {name: pgd, steps: [2, 7], awp_gamma: 0.01}
        epochs: [1, 5]
        batch_size: 64
        learning_rate: 0.1
        seeds: [1, 2]
        repeats: 3
        """);
    GridSpec grid = GridSpec.read(file);
    // 2 architectures x (1 + 3 + 2) methods x 2 epochs x 2 seeds x 3 repeats
    assertEquals(2 * 6 * 2 * 2 * 3, grid.runs().size());
    List<String> trades = grid.runs().stream().filter(r -> r.method().equals("trades")).map(r -> r.methodParameters().get("beta")).distinct().toList();
    assertEquals(List.of("1", "3", "6"), trades);
    RunSpec first = grid.runs().get(0);
    assertEquals("fashion-mnist-small-cnn-standard-e1-s1-r0", first.runId());
    assertTrue(grid.runs().stream().anyMatch(r -> r.runId().equals("fashion-mnist-preact-resnet-18-pgd-awpgamma0.01-steps7-e5-s2-r2")));
  }

  @Test
  void badSpecsNameTheFileAndTheKey() throws IOException {
    Path unknown = write("name: g\ndataset: fashion-mnist\neps: '0.1'\narchitecture: [small-cnn]\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(unknown));
    assertTrue(e.getMessage().contains(unknown.toString()) && e.getMessage().contains("'architecture'"), e.getMessage());

    Path missing = write("name: g\ndataset: fashion-mnist\neps: '0.1'\narchitectures: [small-cnn]\nmethods: [standard]\nepochs: 1\nseeds: 1\nlearning_rate: 0.1\n");
    e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(missing));
    assertTrue(e.getMessage().contains("'batch_size' is required"), e.getMessage());

    Path badNumber = write("name: g\ndataset: fashion-mnist\neps: '0.1'\narchitectures: [small-cnn]\nmethods: [standard]\nepochs: one\nseeds: 1\nbatch_size: 8\nlearning_rate: 0.1\n");
    e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(badNumber));
    assertTrue(e.getMessage().contains("'epochs' must be a number"), e.getMessage());

    Path badPath = write("name: ../escape\ndataset: fashion-mnist\neps: '0.1'\narchitectures: [small-cnn]\nmethods: [standard]\nepochs: 1\nseeds: 1\nbatch_size: 8\nlearning_rate: 0.1\n");
    assertThrows(IllegalArgumentException.class, () -> GridSpec.read(badPath));

    Path badMonitor = write("name: g\ndataset: fashion-mnist\neps: '0.1'\narchitectures: [small-cnn]\nmethods: [standard]\nepochs: 1\nseeds: 1\nbatch_size: 8\nlearning_rate: 0.1\nmonitor: autoattack\n");
    e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(badMonitor));
    assertTrue(e.getMessage().contains(badMonitor.toString()) && e.getMessage().contains("apgd-ce-10"), e.getMessage());
    Path fastMonitor = write("name: g\ndataset: fashion-mnist\neps: '0.1'\narchitectures: [small-cnn]\nmethods: [standard]\nepochs: 1\nseeds: 1\nbatch_size: 8\nlearning_rate: 0.1\nmonitor: apgd-ce-10\n");
    assertEquals(EpochMonitor.APGD_CE_10, GridSpec.read(fastMonitor).runs().get(0).monitor());
    assertEquals(false, GridSpec.read(fastMonitor).runs().get(0).keepEveryEpoch());

    String base = "name: g\ndataset: fashion-mnist\neps: '0.1'\narchitectures: [small-cnn]\nmethods: [standard]\nepochs: 1\nseeds: 1\nbatch_size: 8\nlearning_rate: 0.1\n";
    assertEquals(true, GridSpec.read(write(base + "keep_every_epoch: true\n")).runs().get(0).keepEveryEpoch());
    Path badFlag = write(base + "keep_every_epoch: sometimes\n");
    e = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(badFlag));
    assertTrue(e.getMessage().contains(badFlag.toString()) && e.getMessage().contains("'keep_every_epoch' must be true or false"),
        e.getMessage());
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "grid", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
