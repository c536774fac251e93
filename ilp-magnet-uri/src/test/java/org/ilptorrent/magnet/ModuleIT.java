package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, alone on the module path: what users who add only this module get. */
class ModuleIT {

  @Test
  void jarIsANamedModuleThatNeedsOnlyJavaBase() throws IOException {
    ModuleDescriptor module =
        ModuleFinder.of(jar()).find("org.ilptorrent.magnet").orElseThrow().descriptor();

    assertThat(module.isAutomatic()).isFalse();
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactly("java.base");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.magnet");
    assertThat(module.packages()).contains("org.ilptorrent.magnet.internal");
  }

  @Test
  void decodesAForkMagnetWhenLoadedFromTheModulePath(@TempDir Path dir) throws Exception {
    Path program = dir.resolve("Check.java");
    Files.writeString(
        program,
        String.join(
            "\n",
            "import org.ilptorrent.magnet.MagnetUri;",
            "public class Check {",
            "  public static void main(String[] args) {",
            "    MagnetUri m = MagnetUri.parse(args[0]);",
            "    System.out.println(Check.class.getModule().isNamed() + \" \"",
            "        + MagnetUri.class.getModule().getName() + \" \"",
            "        + m.license().orElseThrow().paymentPointer());",
            "  }",
            "}"));
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "--module-path",
                jar().toString(),
                "--add-modules",
                "org.ilptorrent.magnet",
                program.toString(),
                "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"
                    + "&pp=%24wallet.example%2Falice&vr=https%3A%2F%2Fverifier.example")
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(out.strip()).isEqualTo("false org.ilptorrent.magnet $wallet.example/alice");
    assertThat(process.exitValue()).isZero();
  }

  private static Path jar() throws IOException {
    Path target = Paths.get(System.getProperty("basedir", "."), "target");
    try (Stream<Path> files = Files.list(target)) {
      Set<Path> jars =
          files
              .filter(
                  p -> p.getFileName().toString().matches("ilp-magnet-uri-[^-]+(-SNAPSHOT)?\\.jar"))
              .collect(Collectors.toSet());
      assertThat(jars).as("the packaged jar in " + target).hasSize(1);
      return jars.iterator().next();
    }
  }
}
