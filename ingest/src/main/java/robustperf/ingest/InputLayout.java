package robustperf.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How input files are handed to Spark: in path order or reversed, over a number of slices. Results
 * must not depend on it (every table is written in one canonical order and every fit reads its rows
 * sorted); {@code robustperf pipeline --verify-determinism} runs the pipeline under a second layout
 * and compares every table, which is how that promise is checked.
 *
 * @param reversed hand the files over in reverse path order
 * @param slices Spark partitions to read them in; 0 for the default (four per core, at most one per file)
 */
public record InputLayout(boolean reversed, int slices) {
  /** Path order, default slices. */
  public static final InputLayout DEFAULT = new InputLayout(false, 0);

  public InputLayout {
    if (slices < 0) {
      throw new IllegalArgumentException("slices must be >= 0, got " + slices);
    }
  }

  /**
   * @param sortedFiles files in path order
   * @return them in this layout's order
   */
  public <T> List<T> order(List<T> sortedFiles) {
    if (!reversed) {
      return sortedFiles;
    }
    List<T> copy = new ArrayList<>(sortedFiles);
    Collections.reverse(copy);
    return copy;
  }

  /**
   * @param files how many files
   * @param defaultParallelism Spark's default parallelism
   * @return the partitions to read them in, at least 1
   */
  public int slicesFor(int files, int defaultParallelism) {
    int wanted = slices > 0 ? slices : 4 * defaultParallelism;
    return Math.max(1, Math.min(files, wanted));
  }
}
