package robustperf.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void shapes() {
    LearningRateSchedule piecewise = new LearningRateSchedule(LearningRateSchedule.Kind.piecewise, 0.1, 100);
    assertEquals(0.1, piecewise.at(49), 1e-12);
    assertEquals(0.01, piecewise.at(50), 1e-12);
    assertEquals(0.001, piecewise.at(75), 1e-12);
    LearningRateSchedule cosine = new LearningRateSchedule(LearningRateSchedule.Kind.cosine, 0.2, 100);
    assertEquals(0.2, cosine.at(0), 1e-12);
    assertEquals(0.1, cosine.at(50), 1e-12);
    LearningRateSchedule cyclic = new LearningRateSchedule(LearningRateSchedule.Kind.cyclic, 0.2, 100);
    assertEquals(0.0, cyclic.at(0), 1e-12);
    assertEquals(0.2, cyclic.at(40), 1e-12);
    assertEquals(0.1, cyclic.at(70), 1e-12);
    assertEquals(0.0, cyclic.at(100), 1e-12);
    // DJL counts updates from 1.
    assertEquals((float) cyclic.at(40), cyclic.getNewValue(41));
  }
}
