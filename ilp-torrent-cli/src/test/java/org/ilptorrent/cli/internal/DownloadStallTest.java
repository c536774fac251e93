package org.ilptorrent.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ilptorrent.webtorrent.Progress;
import org.junit.jupiter.api.Test;

/** Why a download that gave up at --timeout got nothing, and each warning shown once. */
class DownloadStallTest {
  private static final Duration T = Duration.ofSeconds(30);
  private static final Progress NOTHING = new Progress(0, 0, 0, 0, 0, 0, 0, Optional.empty());

  @Test
  void namesEachTrackersFailureWhenNoPeerWasFound() {
    Map<String, String> warnings = new LinkedHashMap<>();
    warnings.put("http://127.0.0.1:1/announce", "unreachable: connection refused");
    String why =
        DownloadStall.reason(
            T,
            false,
            NOTHING,
            0,
            List.of("http://127.0.0.1:1/announce", "ws://127.0.0.1:2", "udp://127.0.0.1:3"),
            warnings,
            false);

    assertThat(why)
        .isEqualTo(
            "no metadata after 30 s: no peer found; http://127.0.0.1:1/announce: unreachable:"
                + " connection refused; ws://127.0.0.1:2: a WebSocket tracker, which introduces"
                + " WebRTC peers only; udp://127.0.0.1:3: no peers from it yet");
  }

  @Test
  void saysWhenTheTorrentNamesNoSourceAtAll() {
    assertThat(
            DownloadStall.reason(
                Duration.ofMinutes(2), false, NOTHING, 0, List.of(), Map.of(), false))
        .isEqualTo(
            "no metadata after 2 min: no peer found (the torrent names no tracker and no peer:"
                + " give --peer HOST:PORT)");
  }

  @Test
  void saysWhatConnectedPeersDidNotSend() {
    Progress twoPeers = new Progress(0, 0, 0, 0, 0, 0, 2, Optional.empty());
    assertThat(DownloadStall.reason(T, false, twoPeers, 3, List.of(), Map.of(), true))
        .isEqualTo("no metadata after 30 s: 2 peers connected, none sent the metadata");
    Progress half = new Progress(2 << 20, 1 << 20, 1 << 20, 0, 0, 0, 1, Optional.empty());
    assertThat(DownloadStall.reason(T, true, half, 1, List.of(), Map.of(), true))
        .isEqualTo(
            "nothing downloaded for 30 s (1.0 MiB of 2.0 MiB verified): 1 peer connected, none"
                + " sent a piece");
    Progress gone = new Progress(2 << 20, 0, 0, 0, 0, 0, 0, Optional.empty());
    assertThat(DownloadStall.reason(T, true, gone, 4, List.of(), Map.of(), true))
        .endsWith(": 4 peers connected and left");
  }

  @Test
  void showsEachWarningOnceAndKeepsTheLatestPerTracker() {
    StringWriter text = new StringWriter();
    TorrentWarnings warnings =
        new TorrentWarnings(new StatusLine(new PrintWriter(text), false, Duration.ZERO));

    warnings.onWarning("ws://127.0.0.1:2: connection lost (refused); reconnecting in 1304 ms");
    warnings.onWarning("ws://127.0.0.1:2: connection lost (refused); reconnecting in 2698 ms");
    warnings.onWarning("http://127.0.0.1:1/announce: tracker failure: not authorized");
    warnings.onWarning("http://127.0.0.1:1/announce: tracker failure: not authorized");
    warnings.onWarning("peer 127.0.0.1:5000 sent a bad piece 3");

    assertThat(text.toString().lines())
        .containsExactly(
            "warning: ws://127.0.0.1:2: connection lost (refused); reconnecting in 1304 ms",
            "warning: http://127.0.0.1:1/announce: tracker failure: not authorized",
            "warning: peer 127.0.0.1:5000 sent a bad piece 3");
    assertThat(warnings.latestBySource())
        .containsExactly(
            Map.entry("ws://127.0.0.1:2", "connection lost (refused); reconnecting in 2698 ms"),
            Map.entry("http://127.0.0.1:1/announce", "tracker failure: not authorized"));
  }

  @Test
  void statusSaysFetchingMetadataUntilTheSizeIsKnown() {
    assertThat(DownloadStall.status(false, NOTHING)).isEqualTo("fetching metadata  0 peers");
    assertThat(DownloadStall.status(true, new Progress(100, 50, 50, 0, 0, 0, 1, Optional.empty())))
        .startsWith("downloading  50.0%");
  }

  @Test
  void classNamesAreLeftOutOfMessages() {
    assertThat(
            ErrorHandlers.withoutClassNames(
                "cannot convert 'x' (java.lang.IllegalArgumentException: not a duration)"))
        .isEqualTo("cannot convert 'x' (not a duration)");
    assertThat(ErrorHandlers.describe(new java.net.ConnectException()))
        .isEqualTo("connection refused");
  }
}
