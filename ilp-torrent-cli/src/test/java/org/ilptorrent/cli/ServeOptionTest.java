package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code download --serve} with a port it cannot use: exit 2 and one line naming it. */
class ServeOptionTest {
  private static final String HASH = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";

  @TempDir Path dir;

  @Test
  void aPortOutOfRangeIsRefused() {
    CliRun r = CliRun.of("download", HASH, "--out", dir.toString(), "--serve", "70000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("ilp-torrent: --serve: port out of range: 70000");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aPortInUseIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun r =
          CliRun.of("download", HASH, "--out", dir.toString(), "--serve", String.valueOf(port));
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.errLines())
          .singleElement()
          .asString()
          .startsWith("ilp-torrent: cannot listen on 127.0.0.1:" + port + ": ");
    }
  }
}
