package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example in README.md compiles against this module and prints what it says. */
class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Paths.get(System.getProperty("basedir", "."), "README.md"));
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("a java block in README.md").isTrue();
    Path source = dir.resolve("Example.java");
    Files.writeString(source, block.group(1));
    String classes =
        Paths.get(InfoHash.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();

    assertThat(run(tool("javac"), "-cp", classes, "-d", dir.toString(), source.toString()))
        .isEmpty();
    assertThat(run(tool("java"), "-cp", classes + File.pathSeparator + dir, "Example").lines())
        .containsExactly(
            "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36",
            "$wallet.example/alice",
            "1070000000",
            "true");
  }

  private static String tool(String name) {
    return Paths.get(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
