package robustperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every subcommand answers --help with its usage and exit code 0, whatever options of its own it declares. */
class CommandHelpTest {
  @Test
  void everySubcommandPrintsItsHelp() {
    List<String> paths = new ArrayList<>();
    collect(RobustPerf.commandLine(), "", paths);
    assertTrue(paths.size() >= 10, "subcommands found: " + paths);
    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("--help");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cmd = RobustPerf.commandLine();
      cmd.setOut(new PrintWriter(out, true));
      cmd.setErr(new PrintWriter(err, true));
      int exit = cmd.execute(args.toArray(String[]::new));
      assertEquals(0, exit, path + " --help: " + err);
      assertTrue(out.toString().startsWith("Usage: robustperf " + path), path + " --help printed: " + out);
      assertFalse(out.toString().contains("Unknown option"), path + ": " + out);
    }
  }

  @Test
  void evaluateKeepsItsAutoAttackVersionOption() {
    StringWriter out = new StringWriter();
    CommandLine cmd = RobustPerf.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    assertEquals(0, cmd.execute("evaluate", "-h"));
    assertTrue(out.toString().contains("--version=V"), out.toString());
  }

  private static void collect(CommandLine command, String prefix, List<String> paths) {
    for (CommandLine sub : command.getSubcommands().values()) {
      String path = (prefix + " " + sub.getCommandName()).trim();
      if (!paths.contains(path)) {
        paths.add(path);
        collect(sub, path, paths);
      }
    }
  }
}
