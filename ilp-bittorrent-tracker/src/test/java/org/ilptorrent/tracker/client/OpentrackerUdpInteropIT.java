package org.ilptorrent.tracker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our UDP client against Debian's opentracker, which serves only whitelisted info hashes (none
 * here) and answers an announce of any other with the 8-byte header alone: the client reports that
 * as the tracker's refusal, and still scrapes it. Runs with {@code -Pinterop}.
 */
class OpentrackerUdpInteropIT {
  private static final InfoHash HASH = InfoHash.fromHex("c0ffee0123456789abcdef0123456789abcdef01");

  @RegisterExtension final Resources resources = new Resources();
  private int port;

  @BeforeEach
  void startOpentracker() throws Exception {
    port = TestEnvironment.freePort();
    Process tracker =
        new ProcessBuilder("opentracker", "-i", "127.0.0.1", "-p", "" + port, "-P", "" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    resources.use(
        () -> {
          tracker.destroy();
          if (!tracker.waitFor(10, TimeUnit.SECONDS)) {
            tracker.destroyForcibly();
          }
        });
    // It binds TCP and UDP together, TCP first.
    TestEnvironment.awaitPort(port);
  }

  @Test
  void anAnnounceOffTheWhitelistIsARefusalAndScrapesStillWork() throws Exception {
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        resources.use(
            TrackerClient.builder()
                .infoHash(HASH)
                .announce(List.of(URI.create("udp://127.0.0.1:" + port)))
                .listener(events)
                .build());
    client.start();
    assertThat(events.await(RecordingListener.Warning.class).message())
        .isEqualTo("tracker failure: refused without a reason");
    client.scrape();
    RecordingListener.Scrape scrape = events.await(RecordingListener.Scrape.class);
    assertThat(scrape.complete()).isZero();
    assertThat(scrape.incomplete()).isZero();
    assertThat(events.ofType(RecordingListener.Announced.class)).isEmpty();
    assertThat(events.ofType(RecordingListener.Error.class)).isEmpty();
  }
}
