package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamToPlayerExampleIT {
  @Test
  void theExampleServesARangeOfTheFileWhileItDownloads(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StreamToPlayerExample.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .hasSize(3)
        .satisfies(
            lines -> {
              assertThat(lines.get(0))
                  .matches("serving http://127\\.0\\.0\\.1:\\d+/[0-9a-f]{40}/clip\\.mp4");
              assertThat(lines.get(1))
                  .isEqualTo("206 video/mp4 bytes 2000000-2000099/4194304: 100 bytes");
              assertThat(lines.get(2)).isEqualTo("downloaded 4194304 bytes");
            });
  }
}
