package robustperf.analysis.intervention;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Depth and widen factor of a WideResNet named "WRN-d-k" (as the leaderboards' normalized names
 * are), and its forward cost relative to another: the 3x3 convolutions dominate, and their
 * multiply-accumulates grow as (d - 4) k^2 (d - 4 convolutions in 3 groups, each k^2 times a
 * ResNet's). Against the reference table (WRN-34-10 6.659 GMACs, WRN-28-10 5.243) the rule gives
 * 1.25 for the true 1.27.
 *
 * @param depth d
 * @param width k
 */
public record WideResNetShape(int depth, int width) {
  private static final Pattern NAME = Pattern.compile("WRN-(\\d+)-(\\d+)");

  public WideResNetShape {
    if (depth <= 4 || (depth - 4) % 6 != 0 || width < 1) {
      throw new IllegalArgumentException("a WideResNet has depth 6n + 4 > 4 and width >= 1, got WRN-" + depth + "-" + width);
    }
  }

  /**
   * @param architecture a normalized architecture name
   * @return its shape, or null when it is not a plain WRN-d-k
   */
  public static WideResNetShape parse(String architecture) {
    if (architecture == null) {
      return null;
    }
    Matcher m = NAME.matcher(architecture.trim());
    if (!m.matches()) {
      return null;
    }
    int d = Integer.parseInt(m.group(1));
    int k = Integer.parseInt(m.group(2));
    return d > 4 && (d - 4) % 6 == 0 && k >= 1 ? new WideResNetShape(d, k) : null;
  }

  /** @return forward FLOPs relative to another WideResNet, by the (d - 4) k^2 rule */
  public double costRelativeTo(WideResNetShape other) {
    return (double) (depth - 4) * width * width / ((double) (other.depth - 4) * other.width * other.width);
  }
}
