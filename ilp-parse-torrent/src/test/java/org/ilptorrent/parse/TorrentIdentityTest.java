package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorrentIdentityTest {
  private static final String HEX = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";

  @ParameterizedTest
  @ValueSource(
      strings = {
        HEX,
        "D2474E86C95B19B8BCFDB92BC12C9D44667CFA36",
        "2JDU5BWJLMM3RPH5XEV4CLE5IRTHZ6RW",
        "magnet:?xt=urn:btih:" + HEX,
        "  magnet:?xt=urn:btih:" + HEX + "  ",
      })
  void readsHashesAndMagnets(String text) {
    TorrentIdentity id = TorrentIdentity.parse(text);

    assertThat(id.infoHash().toHex()).isEqualTo(HEX);
    assertThat(id.announce()).isEmpty();
  }

  @Test
  void keepsTheMagnetsTrackersAndLicence() {
    TorrentIdentity id =
        TorrentIdentity.parse(
            "magnet:?xt=urn:btih:"
                + HEX
                + "&dn=x&tr=ws%3A%2F%2F127.0.0.1%3A8000&pp=%24w.example%2Fa"
                + "&vr=http%3A%2F%2F127.0.0.1%3A3000");

    assertThat(id.name()).contains("x");
    assertThat(id.announce()).containsExactly("ws://127.0.0.1:8000");
    assertThat(id.license()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "xyz", "magnet:?dn=no-hash", "magnet:?xt=urn:btih:zz"})
  void refusesWhatIsNeither(String text) {
    assertThatThrownBy(() -> TorrentIdentity.parse(text))
        .isInstanceOf(InvalidTorrentException.class);
    assertThat(TorrentIdentity.tryParse(text)).isEmpty();
  }

  @Test
  void aV2OnlyIdentityIsRefused() {
    assertThatThrownBy(() -> TorrentIdentity.parse("a".repeat(64)))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("v2");
  }
}
