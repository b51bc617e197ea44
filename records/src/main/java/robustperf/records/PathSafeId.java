package robustperf.records;

import java.util.regex.Pattern;

/** Checks identifiers that become file or directory names (run ids, model ids). */
public final class PathSafeId {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

  private PathSafeId() {}

  /**
   * Returns the id when it is safe as one path segment.
   *
   * @param what what the id names, for the message (e.g. "run id")
   * @param id the id
   * @return the id unchanged
   * @throws IllegalArgumentException when it is empty, too long, or holds a separator, "..", or
   *     characters outside [A-Za-z0-9._+-]
   */
  public static String check(String what, String id) {
    if (id == null || !SAFE.matcher(id).matches() || id.contains("..")) {
      throw new IllegalArgumentException(
          what
              + " '"
              + id
              + "' is not a safe path segment: use 1-128 of [A-Za-z0-9._+-], starting with a"
              + " letter or digit, without '..'");
    }
    return id;
  }
}
