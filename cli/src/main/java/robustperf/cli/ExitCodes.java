package robustperf.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place failures become exit codes: 0 success; 1 an unexpected error (stack trace shown);
 * 2 bad input or usage, with the message only; 3 completed, but input files were rejected and
 * --strict was given; 4 another nightly run holds the warehouse lock; 5 a determinism check found
 * tables that differ.
 */
public final class ExitCodes implements IExecutionExceptionHandler {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int REJECTED_INPUT = 3;
  public static final int LOCKED = 4;
  public static final int NOT_DETERMINISTIC = 5;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof robustperf.ingest.nightly.WarehouseLockedException) {
      cmd.getErr().println("robustperf " + cmd.getCommandName() + ": " + e.getMessage());
      return LOCKED;
    }
    if (e instanceof IllegalArgumentException || e instanceof robustperf.train.data.DatasetException) {
      cmd.getErr().println("robustperf " + cmd.getCommandName() + ": " + e.getMessage());
      if (Boolean.getBoolean("robustperf.debug")) {
        e.printStackTrace(cmd.getErr());
      }
      return BAD_INPUT;
    }
    cmd.getErr().println("robustperf " + cmd.getCommandName() + " failed:");
    e.printStackTrace(cmd.getErr());
    return FAILED;
  }
}
