package robustperf.train.meter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Machine-wide CPU utilization from the first line of /proc/stat: busy jiffies (all but idle and
 * iowait) over all jiffies between two reads. Measured; it feeds the TDP x utilization estimate
 * where no RAPL counter is readable.
 *
 * @param busy busy jiffies since boot
 * @param total all jiffies since boot
 */
public record CpuLoad(long busy, long total) {
  /** The usual location. */
  public static final Path PROC_STAT = Path.of("/proc/stat");

  /**
   * @param procStat a /proc/stat file
   * @return the counters now
   * @throws IOException when the file cannot be read or has no aggregate "cpu" line
   */
  public static CpuLoad read(Path procStat) throws IOException {
    String first = Files.readAllLines(procStat).stream().findFirst().orElse("");
    String[] f = first.trim().split("\\s+");
    if (f.length < 5 || !f[0].equals("cpu")) {
      throw new IOException(procStat + ": first line is not the aggregate cpu line: '" + first + "'");
    }
    long total = 0;
    long idle = 0;
    try {
      // user nice system idle iowait irq softirq steal; guest and guest_nice are already in user/nice.
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v;
        }
      }
    } catch (NumberFormatException e) {
      throw new IOException(procStat + ": not a number in '" + first + "'", e);
    }
    return new CpuLoad(total - idle, total);
  }

  /**
   * @param earlier a read before this one
   * @return the busy fraction in [0, 1] between the two reads; NaN when no time passed
   */
  public double utilizationSince(CpuLoad earlier) {
    long dt = total - earlier.total;
    return dt <= 0 ? Double.NaN : Math.min(1.0, Math.max(0.0, (busy - earlier.busy) / (double) dt));
  }
}
