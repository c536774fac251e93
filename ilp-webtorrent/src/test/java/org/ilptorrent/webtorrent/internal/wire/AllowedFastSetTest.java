package org.ilptorrent.webtorrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;

class AllowedFastSetTest {
  private static final InfoHash AA = InfoHash.fromHex("aa".repeat(20));

  @Test
  void matchesTheExamplesOfBep6() throws Exception {
    InetAddress peer = InetAddress.getByName("80.4.4.200");
    assertThat(AllowedFastSet.generate(7, 1313, AA, peer))
        .containsExactly(1059, 431, 808, 1217, 287, 376, 1188);
    assertThat(AllowedFastSet.generate(9, 1313, AA, peer))
        .containsExactly(1059, 431, 808, 1217, 287, 376, 1188, 353, 508);
  }

  @Test
  void dependsOnlyOnTheSlash24() throws Exception {
    assertThat(AllowedFastSet.generate(7, 1313, AA, InetAddress.getByName("80.4.4.1")))
        .isEqualTo(AllowedFastSet.generate(7, 1313, AA, InetAddress.getByName("80.4.4.200")));
  }

  @Test
  void neverMorePiecesThanTheTorrentHasAndNoneForIpv6() throws Exception {
    assertThat(AllowedFastSet.generate(10, 3, AA, InetAddress.getByName("10.0.0.1")))
        .containsExactlyInAnyOrder(0, 1, 2);
    assertThat(AllowedFastSet.generate(10, 100, AA, InetAddress.getByName("::1"))).isEmpty();
  }
}
