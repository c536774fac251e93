package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ModuleJars;
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
                ReadmeExample.with(
                    ModuleJars.WEBTORRENT_CLASSES,
                    WebRtcTransport.class,
                    dev.onvoid.webrtc.PeerConnectionFactory.class,
                    org.slf4j.simple.SimpleLogger.class)))
        .contains("webrtc: off")
        .anyMatch(line -> line.contains("WebRTC is off, peers over TCP only"));
  }
}
