package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServerTest {
  @Test
  void takesStunAndTurnUrls() {
    assertThat(IceServer.of("stun:stun.example.org:3478").urls())
        .containsExactly("stun:stun.example.org:3478");
    IceServer turn = new IceServer(List.of("turn:t.example.org", "turns:t.example.org"), "u", "p");
    assertThat(turn.username()).isEqualTo("u");
  }

  @Test
  void refusesWhatIsNoIceServer() {
    assertThatThrownBy(() -> IceServer.of("http://stun.example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://stun.example.org");
    assertThatThrownBy(() -> new IceServer(List.of(), "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one URL");
    assertThatThrownBy(() -> new IceServer(List.of("stun:x"), null, ""))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void copiesItsUrls() {
    List<String> urls = new ArrayList<>(List.of("stun:a"));
    IceServer s = new IceServer(urls, "", "");
    urls.add("stun:b");
    assertThat(s.urls()).containsExactly("stun:a");
  }

  @Test
  void offerTimeoutMustBePositive() {
    assertThatThrownBy(() -> WebRtcTransport.builder().offerTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
