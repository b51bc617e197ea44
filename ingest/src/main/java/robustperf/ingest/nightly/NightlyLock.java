package robustperf.ingest.nightly;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An exclusive lock on a warehouse: a file created atomically, holding the owner's pid and host.
 * A lock left by a process that died (kill -9, power loss) on this host is taken over; one held
 * by a live process, or by another host, is refused with the lock file named.
 */
public final class NightlyLock implements AutoCloseable {
  private final Path file;

  private NightlyLock(Path file) {
    this.file = file;
  }

  /**
   * @param warehouse the warehouse directory
   * @return the held lock; close it to release
   * @throws WarehouseLockedException when another live run holds it
   * @throws IOException when the lock file cannot be written
   */
  public static NightlyLock acquire(Path warehouse) throws IOException {
    Files.createDirectories(warehouse);
    Path file = warehouse.resolve("_nightly.lock");
    String me = ProcessHandle.current().pid() + " " + host() + " " + Instant.now();
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.writeString(Files.createFile(file), me);
        return new NightlyLock(file);
      } catch (FileAlreadyExistsException e) {
        String[] owner = Files.readString(file).trim().split(" ");
        boolean sameHost = owner.length >= 2 && owner[1].equals(host());
        boolean alive = sameHost && ProcessHandle.of(Long.parseLong(owner[0])).map(ProcessHandle::isAlive).orElse(false);
        if (!sameHost || alive) {
          throw new WarehouseLockedException(
              "another nightly run holds " + file + " (pid " + owner[0] + (owner.length > 1 ? " on " + owner[1] : "")
                  + "); if none is running, delete that file");
        }
        // The owner died: its lock is stale.
        Files.deleteIfExists(file);
      }
    }
    throw new IllegalStateException("could not take " + file + ": another run raced for it");
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
