package robustperf.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The commit a checkout is at, read from .git without running git. */
public final class GitCommit {
  private GitCommit() {}

  /**
   * Finds the commit of the checkout holding {@code dir}.
   *
   * @param dir any directory inside the checkout
   * @return the 40-hex commit id, or empty when there is no readable .git above dir
   */
  public static Optional<String> of(Path dir) {
    for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      Path git = d.resolve(".git");
      if (Files.isDirectory(git)) {
        return read(git);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> read(Path git) {
    try {
      String head = Files.readString(git.resolve("HEAD")).trim();
      if (!head.startsWith("ref: ")) {
        return Optional.of(head);
      }
      String ref = head.substring(5);
      Path loose = git.resolve(ref);
      if (Files.exists(loose)) {
        return Optional.of(Files.readString(loose).trim());
      }
      Path packed = git.resolve("packed-refs");
      if (Files.exists(packed)) {
        return Files.readAllLines(packed).stream()
            .filter(l -> l.endsWith(" " + ref))
            .map(l -> l.substring(0, l.indexOf(' ')))
            .findFirst();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
