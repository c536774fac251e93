package org.ilptorrent.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.ilptorrent.cli.internal.ErrorHandlers;
import org.ilptorrent.cli.internal.RootCommand;
import org.ilptorrent.cli.internal.Urls;
import picocli.CommandLine;

/**
 * Entry point of the {@code ilp-torrent} command.
 *
 * <p>Exit codes: 0 success, 1 internal error, 2 bad input or usage. Errors are one line on stderr,
 * {@code ilp-torrent: <message>}, without a stack trace; stdout carries only results, so scripts
 * can read it.
 */
public final class Main {
  private Main() {}

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command with the given streams and returns its exit code, without exiting.
   *
   * @param out where results go
   * @param err where errors and progress go
   * @param args the command line
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(new RootCommand());
    cli.setOut(outWriter);
    cli.setErr(errWriter);
    cli.setParameterExceptionHandler(ErrorHandlers::onUsageError);
    cli.setExecutionExceptionHandler(ErrorHandlers::onExecutionError);
    cli.registerConverter(java.net.URI.class, new Urls());
    try {
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }
}
