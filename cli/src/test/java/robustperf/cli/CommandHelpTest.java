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

  /** evaluate keeps its AutoAttack --version, and its choices are listed in the help and checked when read. */
  @Test
  void evaluateListsItsChoices() {
    StringWriter out = new StringWriter();
    CommandLine cmd = RobustPerf.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    assertEquals(0, cmd.execute("evaluate", "-h"));
    String help = out.toString().replaceAll("\\s+", " ");
    assertTrue(help.contains("--version=V"), help);
    assertTrue(help.contains("One of apgd-ce, plus, rand, standard"), help);
    assertTrue(help.contains("one of fashion-mnist, cifar10, cifar100, imagenet"), help);
    assertTrue(help.contains("the norm, Linf, L2"), help);

    StringWriter err = new StringWriter();
    cmd = RobustPerf.commandLine();
    cmd.setErr(new PrintWriter(err, true));
    assertEquals(2, cmd.execute("evaluate", "--model", "m.pt", "--dataset", "mnist", "--eps", "0.1"));
    assertTrue(err.toString().contains("expected one of [fashion-mnist, cifar10, cifar100, imagenet], got 'mnist'"), err.toString());
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
