package org.ilptorrent.webtorrent.webrtc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Assumptions;

/**
 * A private network namespace for WebRTC tests: libwebrtc ignores the loopback interface, so the
 * peers need a real-looking one, and the tests must never touch the machine's real interfaces. It
 * holds a veth pair with {@link #A} (198.18.0.1) and {@link #B} (198.18.0.2), from the RFC 2544
 * benchmarking range, and nothing routes out of it. Processes started in it are stopped on {@link
 * #close()}, then the namespace is deleted. Needs root ({@code ip netns}); without it the test is
 * skipped with the reason.
 */
final class Netns implements AutoCloseable {
  static final String A = "198.18.0.1";
  static final String B = "198.18.0.2";

  private final String name;
  private final List<Proc> processes = new ArrayList<>();

  private Netns(String name) {
    this.name = name;
  }

  /** Makes the namespace, or skips the calling test saying why it cannot. */
  static Netns create() throws IOException, InterruptedException {
    String name =
        "ilpwrtc"
            + ProcessHandle.current().pid()
            + "x"
            + ThreadLocalRandom.current().nextInt(1_000_000);
    String error = run("ip", "netns", "add", name);
    Assumptions.assumeTrue(
        error == null,
        () -> "WebRTC tests need a private network namespace (root and iproute2): " + error);
    Netns ns = new Netns(name);
    try {
      ns.ip("link", "set", "lo", "up");
      ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
      ns.ip("addr", "add", A + "/24", "dev", "v0");
      ns.ip("addr", "add", B + "/24", "dev", "v1");
      ns.ip("link", "set", "v0", "up");
      ns.ip("link", "set", "v1", "up");
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  private void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
    cmd.addAll(List.of(args));
    String error = run(cmd.toArray(String[]::new));
    if (error != null) {
      throw new IOException("ip " + String.join(" ", args) + ": " + error);
    }
  }

  /** Runs a command to its end; null when it succeeded, else its output. */
  private static String run(String... cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** Starts {@code command} inside the namespace, its output in {@code <dir>/<label>.log}. */
  Proc start(Path dir, String label, List<String> command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.addAll(command);
    Path log = dir.resolve(label + ".log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    Proc proc = new Proc(label, p, log);
    processes.add(proc);
    return proc;
  }

  /** Starts a {@link NetnsPeer} JVM in the namespace with {@code args}. */
  Proc javaPeer(Path dir, String label, String... args) throws IOException {
    return start(dir, label, java(NetnsPeer.class, args));
  }

  /** Starts our WebSocket tracker on {@link #A}; its ws:// URL once it listens. */
  String javaTracker(Path dir, Duration timeout) throws IOException {
    return javaPeer(dir, "tracker", "tracker", A).await("^tracker (ws://\\S+)$", timeout).group(1);
  }

  /** A node command running interop/npm/webtorrent/{@code script}, with {@code env} first. */
  static List<String> node(List<String> env, String script, String... args) {
    List<String> cmd = new ArrayList<>();
    if (!env.isEmpty()) {
      cmd.add("env");
      cmd.addAll(env);
    }
    cmd.add("node");
    cmd.add(
        TestEnvironment.repositoryRoot()
            .resolve("interop/npm/webtorrent")
            .resolve(script)
            .toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A java command running {@code mainClass} on this test's class path. */
  static List<String> java(Class<?> mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Override
  public void close() throws InterruptedException {
    for (Proc p : processes) {
      p.close();
    }
    run("ip", "netns", "delete", name);
  }

  /** A process in the namespace. */
  static final class Proc implements AutoCloseable {
    private final String label;
    private final Process process;
    private final Path log;

    Proc(String label, Process process, Path log) {
      this.label = label;
      this.process = process;
      this.log = log;
    }

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    /** Waits until the output matches {@code regex}; fails when the process ends first. */
    Matcher await(String regex, Duration timeout) {
      Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
      return Await.value(
          label + " to print /" + regex + "/",
          timeout,
          () -> {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
              return m;
            }
            if (!process.isAlive()) {
              throw new AssertionError(
                  label + " exited (" + process.exitValue() + ") first:\n" + output());
            }
            return null;
          });
    }

    /** Waits for the process to exit; its exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(label + " still running after " + timeout + ":\n" + output());
      }
      return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
