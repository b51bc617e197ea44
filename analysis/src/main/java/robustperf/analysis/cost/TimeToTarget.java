package robustperf.analysis.cost;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The DAWNBench metric for one run and one target: what the run had spent (wall time, FLOPs,
 * energy) by the end of the first epoch whose monitored accuracy reached the target.
 */
public final class TimeToTarget {
  private TimeToTarget() {}

  /**
   * One epoch of a run's history.
   *
   * @param epoch epoch number, from 1
   * @param accuracyPct the monitored accuracy after it (null when not monitored)
   * @param seconds its wall time
   * @param flops its training FLOPs
   * @param kwh its energy, null when incomplete
   * @param missingReason why kwh is null
   */
  public record Epoch(int epoch, Double accuracyPct, double seconds, double flops, Double kwh, String missingReason) {}

  /**
   * @param epoch the first epoch at or above the target, null when never
   * @param seconds wall time up to and including it
   * @param flops FLOPs up to and including it
   * @param kwh energy up to and including it, null when any epoch's energy was incomplete
   * @param reason why the target was not reached, or why kwh is null; null when neither
   */
  public record Crossing(Integer epoch, Double seconds, Double flops, Double kwh, String reason) {}

  /**
   * @param history the run's epochs, in any order
   * @param targetPct the accuracy to reach, percent
   * @return the crossing, or a null epoch with the reason (epochs run, best accuracy)
   */
  public static Crossing first(List<Epoch> history, double targetPct) {
    List<Epoch> sorted = history.stream().sorted(Comparator.comparingInt(Epoch::epoch)).toList();
    double seconds = 0;
    double flops = 0;
    double kwh = 0;
    String energyGap = null;
    double best = Double.NEGATIVE_INFINITY;
    for (Epoch e : sorted) {
      seconds += e.seconds();
      flops += e.flops();
      if (e.kwh() == null) {
        energyGap = energyGap != null ? energyGap : "energy incomplete at epoch " + e.epoch() + ": " + e.missingReason();
      } else {
        kwh += e.kwh();
      }
      if (e.accuracyPct() != null) {
        best = Math.max(best, e.accuracyPct());
        if (e.accuracyPct() >= targetPct) {
          return new Crossing(e.epoch(), seconds, flops, energyGap == null ? kwh : null, energyGap);
        }
      }
    }
    String reason = best == Double.NEGATIVE_INFINITY
        ? "never monitored in " + sorted.size() + " epochs"
        : String.format(Locale.ROOT, "not reached in %d epochs (best %.2f%%)", sorted.size(), best);
    return new Crossing(null, null, null, null, reason);
  }
}
