package robustperf.records.parquet;

import java.nio.file.Path;
import java.util.AbstractCollection;
import java.util.Iterator;
import robustperf.records.EpochMetrics;
import robustperf.records.RecordSamples;

/** Child process for the kill test: writes rows forever, slowly, after saying it started. */
public final class SlowRecordWriter {
  private SlowRecordWriter() {}

  public static void main(String[] args) throws Exception {
    AbstractCollection<EpochMetrics> endless =
        new AbstractCollection<>() {
          @Override
          public Iterator<EpochMetrics> iterator() {
            return new Iterator<>() {
              int i;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public EpochMetrics next() {
                if (++i == 1000) {
                  System.out.print("writing\n");
                  System.out.flush();
                }
                if (i > 1000) {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                return RecordSamples.epoch("r", i);
              }
            };
          }

          @Override
          public int size() {
            return Integer.MAX_VALUE;
          }
        };
    RecordFiles.write(Path.of(args[0]), EpochMetrics.class, endless);
  }
}
