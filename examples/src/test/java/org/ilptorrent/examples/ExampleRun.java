package org.ilptorrent.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of an example's {@code main} in a child JVM: exit code and what it printed. */
record ExampleRun(int exitCode, String out) {
  /** Runs {@code main} with the test's class path, as the README's command would. */
  static ExampleRun of(Class<?> main, String... args) throws Exception {
    return withClassPath(List.of(System.getProperty("java.class.path")), main, args);
  }

  /** Runs {@code main} with exactly {@code classPath}. */
  static ExampleRun withClassPath(List<String> classPath, Class<?> main, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("example-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IOException(
            main.getSimpleName() + " did not end in 180 s:\n" + Files.readString(log));
      }
      return new ExampleRun(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  List<String> lines() {
    return out.lines().toList();
  }
}
