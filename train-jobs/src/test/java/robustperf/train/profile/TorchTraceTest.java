package robustperf.train.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchTraceTest {
  @Test
  void selfTimeSubtractsDirectChildrenOnTheirOwnThread(@TempDir Path dir) throws IOException {
    // Thread 1: conv2d [0, 100] > convolution [10, 90] > mkldnn_convolution [20, 80]; relu [100, 110].
    // Thread 2: the autograd wrapper [0, 50] > ConvolutionBackward0 [5, 45]; an instant event is ignored.
    Path trace = dir.resolve("t.json");
    Files.writeString(trace, """
        {"traceEvents": [
          {"ph": "X", "name": "aten::conv2d", "tid": 1, "ts": 0, "dur": 100},
          {"ph": "X", "name": "aten::convolution", "tid": 1, "ts": 10, "dur": 80},
          {"ph": "X", "name": "aten::mkldnn_convolution", "tid": 1, "ts": 20, "dur": 60},
          {"ph": "X", "name": "aten::relu", "tid": 1, "ts": 100, "dur": 10},
          {"ph": "X", "name": "autograd::engine::evaluate_function: ConvolutionBackward0", "tid": 2, "ts": 0, "dur": 50},
          {"ph": "X", "name": "ConvolutionBackward0", "tid": 2, "ts": 5, "dur": 40},
          {"ph": "i", "name": "marker", "tid": 1, "ts": 3}
        ]}
        """);
    List<TorchTrace.Event> events = TorchTrace.read(trace);
    assertEquals(6, events.size());
    Map<String, Double> self = TorchTrace.selfTimes(events);
    assertEquals(20.0, self.get("aten::conv2d"));
    assertEquals(20.0, self.get("aten::convolution"));
    assertEquals(60.0, self.get("aten::mkldnn_convolution"));
    assertEquals(10.0, self.get("aten::relu"));
    assertEquals(10.0, self.get("autograd::engine::evaluate_function: ConvolutionBackward0"));
    // Self times add up to the top-level durations: every microsecond once.
    assertEquals(100 + 10 + 50, self.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertEquals(Map.of("convolution", 150.0, "activation", 10.0), TorchTrace.byCategory(events));
  }

  @Test
  void aFileThatIsNoTraceIsRefusedByName(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"something\": 1}");
    assertTrue(assertThrows(IOException.class, () -> TorchTrace.read(bad)).getMessage().startsWith(bad.toString()));
  }

  @Test
  void operatorsFallIntoTheirLayerCategories() {
    assertEquals("convolution", LayerCategory.of("aten::mkldnn_convolution"));
    assertEquals("normalization", LayerCategory.of("NativeBatchNormBackward0"));
    assertEquals("activation", LayerCategory.of("aten::threshold_backward"));
    assertEquals("linear", LayerCategory.of("aten::addmm"));
    assertEquals("linear", LayerCategory.of("aten::mm"));
    assertEquals("linear", LayerCategory.of("MmBackward0"));
    assertEquals("attention", LayerCategory.of("aten::bmm"));
    assertEquals("attention", LayerCategory.of("aten::_softmax"));
    assertEquals("loss", LayerCategory.of("aten::log_softmax"));
    assertEquals("loss", LayerCategory.of("NllLossBackward0"));
    assertEquals("pooling", LayerCategory.of("aten::max_pool2d_with_indices"));
    assertEquals("other", LayerCategory.of("aten::add_"));
    assertEquals("other", LayerCategory.of("aten::empty"));
  }
}
