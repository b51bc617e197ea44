package robustperf.ingest.nightly;

/** Another live nightly run holds the warehouse lock; the message names the lock file. */
public final class WarehouseLockedException extends IllegalStateException {
  /** @param message what holds the lock and how to clear it */
  public WarehouseLockedException(String message) {
    super(message);
  }
}
