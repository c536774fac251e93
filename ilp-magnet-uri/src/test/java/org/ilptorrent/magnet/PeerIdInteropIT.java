package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * libtorrent names a peer by its id's client code (BEP 20): ours must be one its table does not
 * hold, so that other clients do not show us as someone else ({@code -IL} was iLivid's).
 */
class PeerIdInteropIT {
  @Test
  void libtorrentDoesNotMistakeOurPeerIdForAnotherClient() throws Exception {
    String id = new String(PeerId.random().toBytes(), StandardCharsets.US_ASCII);
    Process p =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import sys, libtorrent as lt;"
                    + " print(lt.identify_client(lt.sha1_hash(sys.argv[1].encode('ascii'))))",
                id)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    // An unknown two-letter code is shown as itself with the version; a known one by its name.
    assertThat(out).isEqualTo("IJ 0.1.0");
  }
}
