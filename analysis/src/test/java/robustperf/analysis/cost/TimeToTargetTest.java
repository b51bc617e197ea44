package robustperf.analysis.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The crossing logic on a synthetic history. */
class TimeToTargetTest {
  // Given out of order on purpose; epoch 2 was not monitored.
  private static final List<TimeToTarget.Epoch> HISTORY = List.of(
      new TimeToTarget.Epoch(3, 61.0, 30, 3e12, 0.003, null),
      new TimeToTarget.Epoch(1, 40.0, 10, 1e12, 0.001, null),
      new TimeToTarget.Epoch(2, null, 20, 2e12, 0.002, null),
      new TimeToTarget.Epoch(4, 59.0, 40, 4e12, 0.004, null),
      new TimeToTarget.Epoch(5, 66.0, 50, 5e12, 0.005, null));

  @Test
  void theFirstEpochAtOrAboveTheTargetCarriesEverythingSpentUpToIt() {
    TimeToTarget.Crossing c = TimeToTarget.first(HISTORY, 60);
    assertEquals(3, c.epoch());
    assertEquals(60.0, c.seconds(), 1e-12);
    assertEquals(6e12, c.flops(), 1);
    assertEquals(0.006, c.kwh(), 1e-12);
    assertNull(c.reason());
    // exactly at the target counts as reached; a later dip does not undo it
    assertEquals(1, TimeToTarget.first(HISTORY, 40).epoch());
    assertEquals(5, TimeToTarget.first(HISTORY, 65).epoch());
  }

  @Test
  void aTargetNeverReachedIsNullWithTheBest() {
    TimeToTarget.Crossing c = TimeToTarget.first(HISTORY, 70);
    assertNull(c.epoch());
    assertNull(c.seconds());
    assertEquals("not reached in 5 epochs (best 66.00%)", c.reason());
    assertEquals("never monitored in 1 epochs",
        TimeToTarget.first(List.of(new TimeToTarget.Epoch(1, null, 1, 1, 1.0, null)), 10).reason());
  }

  @Test
  void anEpochWithoutEnergyMakesTheEnergyNullWithItsReasonButKeepsTimeAndFlops() {
    List<TimeToTarget.Epoch> gap = List.of(
        new TimeToTarget.Epoch(1, 40.0, 10, 1e12, null, "RAPL unreadable"),
        new TimeToTarget.Epoch(2, 62.0, 20, 2e12, 0.002, null));
    TimeToTarget.Crossing c = TimeToTarget.first(gap, 60);
    assertEquals(2, c.epoch());
    assertEquals(30.0, c.seconds(), 1e-12);
    assertNull(c.kwh());
    assertEquals("energy incomplete at epoch 1: RAPL unreadable", c.reason());
  }
}
