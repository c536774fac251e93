package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns exceptions into the command's exit codes and one-line messages: bad input (a typed {@code
 * IllegalArgumentException} from a parser, or a usage error) is 2; I/O problems the user can fix (a
 * missing file) are 2 as well; anything else is an internal error, 1.
 */
public final class ErrorHandlers {
  /** Exit code for bad input and usage errors. */
  public static final int BAD_INPUT = 2;

  /** Exit code for internal errors. */
  public static final int INTERNAL = 1;

  private ErrorHandlers() {}

  /** picocli's parameter exception handler: usage errors. */
  public static int onUsageError(ParameterException e, String[] args) {
    e.getCommandLine().getErr().println("ilp-torrent: " + oneLine(e.getMessage()));
    return BAD_INPUT;
  }

  /** picocli's execution exception handler: what a command threw. */
  public static int onExecutionError(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof IllegalArgumentException || cause instanceof IOException) {
      commandLine.getErr().println("ilp-torrent: " + oneLine(describe(cause)));
      return BAD_INPUT;
    }
    commandLine.getErr().println("ilp-torrent: internal error: " + oneLine(describe(cause)));
    return INTERNAL;
  }

  private static String describe(Throwable t) {
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + t.getMessage();
    }
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + t.getMessage();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The first line, with control characters masked, so one error is one line. */
  static String oneLine(String message) {
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    return first.replaceAll("\\p{Cntrl}", "?");
  }
}
