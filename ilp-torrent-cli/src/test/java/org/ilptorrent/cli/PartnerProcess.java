package org.ilptorrent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.fixtures.Await;

/**
 * A program a test runs next to it (an interop partner, or {@code ./ilp-torrent}), with stdout and
 * stderr in one log file. {@link #close()} stops it and its children, so a test can hold it in
 * try-with-resources and never leak a process.
 */
final class PartnerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private PartnerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command}, logging to {@code <dir>/<name>.log}. */
  static PartnerProcess start(Path dir, String name, List<String> command) throws IOException {
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    return new PartnerProcess(name, p, log);
  }

  /** Runs {@code ./ilp-torrent args...}, logging to {@code <dir>/<name>.log}. */
  static PartnerProcess launch(Path dir, String name, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(org.ilptorrent.fixtures.TestEnvironment.launcher().toString());
    command.addAll(List.of(args));
    return start(dir, name, command);
  }

  /** Everything the process printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Waits until the output matches {@code regex} (searched in the whole output, which need not be
   * line-based), and returns the match; fails if the process ends first or {@code timeout} passes.
   */
  Matcher await(String regex, Duration timeout) throws InterruptedException {
    Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
    try {
      return Await.value(
          name + " to print /" + regex + "/",
          timeout,
          () -> {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
              return m;
            }
            if (!process.isAlive()) {
              throw new ExitedFirst(
                  name
                      + " exited ("
                      + process.exitValue()
                      + ") before printing /"
                      + regex
                      + "/:\n"
                      + tail());
            }
            return null;
          });
    } catch (ExitedFirst e) {
      throw e;
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ":\n" + tail(), e);
    }
  }

  /** The process ended before printing what was awaited. */
  private static final class ExitedFirst extends AssertionError {
    ExitedFirst(String message) {
      super(message);
    }
  }

  /** Waits for the exit code; fails (and stops the process) after {@code timeout}. */
  int exitCode(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError(name + " did not finish in " + timeout + ":\n" + tail());
    }
    return process.exitValue();
  }

  /** The last lines of output, for failure messages. */
  String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** Kills the process at once (SIGKILL): no shutdown code runs, as in a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** The process id (the launcher execs the JVM, so this is the JVM's). */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) {
        c.destroyForcibly();
      }
    }
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
