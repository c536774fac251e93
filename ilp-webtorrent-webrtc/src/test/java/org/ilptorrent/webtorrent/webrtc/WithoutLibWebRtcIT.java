package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where libwebrtc cannot load, the client works on over TCP and says once why WebRTC is off. The
 * child JVM gets a temporary folder that does not exist, so webrtc-java cannot unpack its native
 * library: the real failure of a read-only or missing temp folder.
 */
class WithoutLibWebRtcIT {
  @TempDir Path dir;

  @Test
  void theClientStaysOnTcpAndSaysOnceWhyWebRtcIsOff() throws Exception {
    byte[] bytes = new byte[700_000];
    new Random(3).nextBytes(bytes);
    Path file = Files.write(Files.createDirectories(dir.resolve("seed")).resolve("tcp.bin"), bytes);
    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> cmd = new ArrayList<>(Netns.java(NetnsPeer.class, "fallback"));
    cmd.add(cmd.size() - 2, "-Djava.io.tmpdir=" + dir.resolve("no-such-folder"));
    cmd.addAll(List.of(file.toString(), out.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();

    assertThat(output).contains("webrtc off").contains("done");
    assertThat(Pattern.compile("WebRTC is off").matcher(output).results().count())
        .as(output)
        .isEqualTo(1);
    assertThat(output).contains("webrtc-java's native library does not load on Linux");
    assertThat(Files.mismatch(file, out.resolve("tcp.bin"))).isEqualTo(-1);
  }
}
