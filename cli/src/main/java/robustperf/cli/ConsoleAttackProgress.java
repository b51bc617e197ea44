package robustperf.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import robustperf.train.loop.AttackProgress;

/**
 * Where an evaluation is, on the terminal: a progress bar per stage (points done and left, rate,
 * elapsed and estimated time) when stderr is a terminal, else one line as each stage starts and one
 * as it ends. Never in the records.
 */
final class ConsoleAttackProgress implements AttackProgress {
  private final PrintWriter err;
  private final boolean bar;
  private final long start = System.nanoTime();
  private ProgressBar current;

  /**
   * @param err where to print
   * @param bar draw bars (a terminal) rather than lines
   */
  ConsoleAttackProgress(PrintWriter err, boolean bar) {
    this.err = err;
    this.bar = bar;
  }

  /** @return bars when the JVM has a terminal, lines otherwise */
  static ConsoleAttackProgress on(PrintWriter err) {
    return new ConsoleAttackProgress(err, System.console() != null);
  }

  @Override
  public void stageStarted(String stage, int points, int passes) {
    if (bar) {
      current = new ProgressBarBuilder().setTaskName(stage).setInitialMax((long) points * passes).setUnit(" points", 1).showSpeed()
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    } else {
      err.printf(Locale.ROOT, "[%s] %s: %d points%s%n", elapsed(), stage, points, passes > 1 ? " x " + passes + " passes at most" : "");
      err.flush();
    }
  }

  @Override
  public void pointsDone(int points) {
    if (current != null) {
      current.stepBy(points);
    }
  }

  @Override
  public void stageFinished(String stage, double robustAccuracyPct, double seconds) {
    if (current != null) {
      current.stepTo(current.getMax());
      current.close();
      current = null;
    }
    err.printf(Locale.ROOT, "[%s] %s done in %.1f s: %s %.2f%%%n", elapsed(), stage, seconds, stage.equals("clean") ? "clean" : "robust",
        robustAccuracyPct);
    err.flush();
  }

  private String elapsed() {
    long s = (System.nanoTime() - start) / 1_000_000_000L;
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
