package robustperf.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatSummaryTest {
  @Test
  void dropsFastestAndSlowest() {
    RepeatSummary s = RepeatSummary.of(List.of(10.0, 1.0, 4.0, 6.0, 100.0));
    assertEquals(new RepeatSummary(5, 20.0 / 3, 1.0, 100.0, "mlperf-drop-min-max"), s);
  }

  @Test
  void fewerThanThreeKeepsAllAndSaysSo() {
    assertEquals(new RepeatSummary(2, 3.0, 2.0, 4.0, "mean-of-all-n<3"), RepeatSummary.of(List.of(4.0, 2.0)));
    assertThrows(IllegalArgumentException.class, () -> RepeatSummary.of(List.of()));
    assertThrows(IllegalArgumentException.class, () -> RepeatSummary.of(List.of(1.0, Double.NaN)));
  }
}
