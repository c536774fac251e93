package org.ilptorrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README gives each example the one command that runs it. */
class ReadmeCommandsTest {
  private static final List<Class<?>> EXAMPLES =
      List.of(
          MagnetLicences.class,
          PaidTorrentFile.class,
          FreeDownload.class,
          PaidPublishAndBuy.class,
          ServicesInOneJvm.class,
          StreamToPlayer.class);

  @Test
  void everyExampleHasItsCommand() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (Class<?> example : EXAMPLES) {
      assertThat(readme)
          .as(example.getSimpleName())
          .contains(
              "\n./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass="
                  + example.getName()
                  + "\n")
          .contains("(" + example.getSimpleName() + ")");
      assertThat(example.getMethod("main", String[].class)).isNotNull();
    }
  }
}
