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

  /**
   * Exit code for work that could not be done although the input was good: a download that gave up
   * at {@code --timeout}, a payment that failed. The same as {@link #INTERNAL}: scripts see
   * "failed".
   */
  public static final int FAILED = 1;

  private ErrorHandlers() {}

  /** picocli's parameter exception handler: usage errors. */
  public static int onUsageError(ParameterException e, String[] args) {
    e.getCommandLine().getErr().println("ilp-torrent: " + oneLine(usageMessage(e)));
    return BAD_INPUT;
  }

  /**
   * picocli's message, with a converter's own message in place of its wrapper: {@code Invalid value
   * for option '--receipt-ttl': cannot convert 'banana' to Duration (java.lang...: not a duration)}
   * becomes {@code Invalid value for option '--receipt-ttl': not a duration: 'banana' (...)}.
   */
  private static String usageMessage(ParameterException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    java.util.regex.Matcher wrapped =
        java.util.regex.Pattern.compile(
                "^(.*?: )cannot convert '.*' to \\w+ \\((?:[a-z]\\w*\\.)+\\w+: (.*)\\)$",
                java.util.regex.Pattern.DOTALL)
            .matcher(m);
    return wrapped.matches() ? wrapped.group(1) + wrapped.group(2) : m;
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

  /** A throwable's message, or what it means when it has none; never its class name. */
  static String describe(Throwable t) {
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + t.getMessage();
    }
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + t.getMessage();
    }
    if (t.getMessage() != null && !t.getMessage().isBlank()) {
      return t.getMessage();
    }
    return org.ilptorrent.verifier.internal.http.HttpFailures.describe(t);
  }

  /**
   * The first line, with control characters masked, so one error is one line; Java class names that
   * libraries put in front of a cause's message ({@code java.net.ConnectException: }) are left out,
   * as the user can do nothing with them.
   */
  static String oneLine(String message) {
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    return withoutClassNames(first).replaceAll("\\p{Cntrl}", "?");
  }

  /** {@code a (java.lang.IllegalArgumentException: b)} is {@code a (b)}. */
  static String withoutClassNames(String text) {
    return text.replaceAll(
            "(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*|\\b)", "")
        .replace("()", "")
        .strip();
  }
}
