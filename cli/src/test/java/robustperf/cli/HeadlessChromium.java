package robustperf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's Chromium, headless, offline, for looking at the pages the pipeline writes. */
final class HeadlessChromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** Skips the test where Chromium is absent, except on CI, where its absence is a failure. */
  static void require() {
    if (!Files.isExecutable(BINARY)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(BINARY + " is missing: bin/setup --browser installs Debian's chromium");
      }
      Assumptions.abort(BINARY + " not installed (bin/setup --browser installs it)");
    }
  }

  /** @return the page's DOM after its scripts ran */
  static String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
    return new String(run(page, profile, "--virtual-time-budget=5000", "--dump-dom"), StandardCharsets.UTF_8);
  }

  /** Writes a screenshot of the page's top 1200 x 2400 pixels. */
  static void screenshot(Path page, Path profile, Path png) throws IOException, InterruptedException {
    run(page, profile, "--window-size=1200,2400", "--screenshot=" + png);
  }

  private static byte[] run(Path page, Path profile, String... extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile));
    command.addAll(List.of(extra));
    command.add(page.toUri().toString());
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within 60 s on " + page);
    }
    return out;
  }
}
