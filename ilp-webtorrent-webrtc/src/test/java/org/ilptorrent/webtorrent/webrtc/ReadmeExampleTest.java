package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

  /**
   * The example compiles and runs against the module's jars. Its class path holds webrtc-java's
   * classes but not the native jar (which has no class to find it by), so it also shows the
   * fallback: the transport reports itself off and the client starts anyway.
   */
  @Test
  void readmeExampleCompilesAndRunsAndFallsBackWithoutTheNativeJar(@TempDir Path dir)
      throws Exception {
    assertThat(
            ReadmeExample.run(
                ReadmeExample.moduleReadme(),
                dir,
                WebRtcTransport.class,
                dev.onvoid.webrtc.PeerConnectionFactory.class,
                org.ilptorrent.webtorrent.WebTorrent.class,
                org.ilptorrent.parse.TorrentInfo.class,
                org.ilptorrent.magnet.InfoHash.class,
                org.ilptorrent.discovery.Discovery.class,
                org.ilptorrent.create.TorrentCreator.class,
                org.ilptorrent.bencode.BDictionary.class,
                com.google.common.base.CharMatcher.class,
                com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class,
                org.ilptorrent.tracker.client.TrackerClient.class,
                org.ilptorrent.verifier.ReceiptVerifierClient.class,
                org.ilptorrent.stream.StreamSender.class,
                org.interledger.stream.StreamUtils.class,
                org.interledger.core.SharedSecret.class,
                org.java_websocket.client.WebSocketClient.class,
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class,
                org.slf4j.Logger.class,
                org.slf4j.simple.SimpleLogger.class))
        .contains("webrtc: off")
        .anyMatch(line -> line.contains("WebRTC is off, peers over TCP only"));
  }
}
