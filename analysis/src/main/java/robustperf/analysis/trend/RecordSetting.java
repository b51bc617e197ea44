package robustperf.analysis.trend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which leaderboard entries set a record: the state of the art as it stood on each date. An entry
 * sets a record when its accuracy is the best of its own date and strictly above every entry of a
 * strictly earlier date. Within one date only the best counts (a weaker paper of the same month was
 * not the state of the art), and entries tied at a date's best all count. The rule reads dates and
 * values only, so the order the rows arrive in cannot change the selection.
 */
public final class RecordSetting {
  private RecordSetting() {}

  /**
   * @param points {date, value} pairs in any order
   * @return the record-setting points, by date then value
   */
  public static List<double[]> of(List<double[]> points) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
    List<double[]> records = new ArrayList<>();
    double earlierBest = Double.NEGATIVE_INFINITY;
    int i = 0;
    while (i < sorted.size()) {
      double date = sorted.get(i)[0];
      int end = i;
      double dateBest = Double.NEGATIVE_INFINITY;
      while (end < sorted.size() && sorted.get(end)[0] == date) {
        dateBest = Math.max(dateBest, sorted.get(end)[1]);
        end++;
      }
      if (dateBest > earlierBest) {
        for (int k = i; k < end; k++) {
          if (sorted.get(k)[1] == dateBest) {
            records.add(sorted.get(k));
          }
        }
        earlierBest = dateBest;
      }
      i = end;
    }
    return records;
  }
}
