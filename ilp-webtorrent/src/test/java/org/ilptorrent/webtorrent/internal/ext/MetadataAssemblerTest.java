package org.ilptorrent.webtorrent.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.ilptorrent.fixtures.TorrentFixture;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.junit.jupiter.api.Test;

class MetadataAssemblerTest {
  private static final int P = MetadataMessage.PIECE_LENGTH;

  private static byte[] info(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static InfoHash hashOf(byte[] b) throws Exception {
    return InfoHash.of(MessageDigest.getInstance("SHA-1").digest(b));
  }

  private static MetadataMessage.Data piece(byte[] info, int i) {
    return new MetadataMessage.Data(
        i, info.length, Arrays.copyOfRange(info, i * P, Math.min(info.length, (i + 1) * P)));
  }

  @Test
  void assemblesPiecesInAnyOrderAndChecksTheHash() throws Exception {
    byte[] info = info(2 * P + 100);
    MetadataAssembler a = new MetadataAssembler(hashOf(info), info.length);
    assertThat(a.pieceCount()).isEqualTo(3);
    assertThat(a.accept(piece(info, 2))).isEqualTo(MetadataAssembler.Progress.INCOMPLETE);
    assertThat(a.accept(piece(info, 0))).isEqualTo(MetadataAssembler.Progress.INCOMPLETE);
    assertThat(a.accept(piece(info, 0)))
        .as("duplicate")
        .isEqualTo(MetadataAssembler.Progress.INCOMPLETE);
    assertThat(a.accept(piece(info, 1))).isEqualTo(MetadataAssembler.Progress.COMPLETE);
    assertThat(a.infoBytes()).isEqualTo(info);
  }

  @Test
  void handsOutEachPieceOnceUntilReleased() throws Exception {
    byte[] info = info(2 * P);
    MetadataAssembler a = new MetadataAssembler(hashOf(info), info.length);
    assertThat(a.nextToRequest()).hasValue(0);
    assertThat(a.nextToRequest()).hasValue(1);
    assertThat(a.nextToRequest()).isEmpty();
    a.release(0);
    assertThat(a.nextToRequest()).hasValue(0);
    a.accept(piece(info, 0));
    a.accept(piece(info, 1));
    assertThat(a.nextToRequest()).isEmpty();
  }

  @Test
  void aHashMismatchDropsEverythingToStartAgain() throws Exception {
    byte[] info = info(P + 1);
    MetadataAssembler a = new MetadataAssembler(hashOf(info), info.length);
    byte[] wrong = info.clone();
    wrong[5] ^= 1;
    a.accept(piece(wrong, 0));
    assertThat(a.accept(piece(wrong, 1))).isEqualTo(MetadataAssembler.Progress.HASH_MISMATCH);
    assertThat(a.isComplete()).isFalse();
    assertThat(a.nextToRequest()).hasValue(0);
    assertThatThrownBy(a::infoBytes).isInstanceOf(IllegalStateException.class);
    a.accept(piece(info, 0));
    assertThat(a.accept(piece(info, 1))).isEqualTo(MetadataAssembler.Progress.COMPLETE);
  }

  @Test
  void refusesPiecesThatDoNotFit() throws Exception {
    byte[] info = info(P + 10);
    MetadataAssembler a = new MetadataAssembler(hashOf(info), info.length);
    assertThatThrownBy(() -> a.accept(new MetadataMessage.Data(0, 999, new byte[P])))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageContaining("total_size");
    assertThatThrownBy(() -> a.accept(new MetadataMessage.Data(2, info.length, new byte[1])))
        .hasMessageContaining("beyond");
    assertThatThrownBy(() -> a.accept(new MetadataMessage.Data(1, info.length, new byte[9])))
        .hasMessageContaining("has 9 bytes, not 10");
    assertThatThrownBy(() -> a.accept(new MetadataMessage.Data(0, info.length, new byte[10])))
        .hasMessageContaining("not 16384");
  }

  @Test
  void refusesOversizedOrEmptyMetadataBeforeAllocating() {
    InfoHash h = InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");
    assertThatThrownBy(() -> new MetadataAssembler(h, 8L * 1024 * 1024 + 1))
        .isInstanceOf(PeerProtocolException.class);
    assertThatThrownBy(() -> new MetadataAssembler(h, Long.MAX_VALUE))
        .isInstanceOf(PeerProtocolException.class);
    assertThatThrownBy(() -> new MetadataAssembler(h, 0)).isInstanceOf(PeerProtocolException.class);
  }

  @Test
  void aSeederAnswersWithDataOrReject() throws Exception {
    byte[] info = info(P + 10);
    assertThat(MetadataMessage.answer(info, 1))
        .isEqualTo(new MetadataMessage.Data(1, info.length, Arrays.copyOfRange(info, P, P + 10)));
    assertThat(MetadataMessage.answer(info, 2)).isEqualTo(new MetadataMessage.Reject(2));
    // what one side answers, the other assembles
    MetadataAssembler a = new MetadataAssembler(hashOf(info), info.length);
    a.accept(
        (MetadataMessage.Data) MetadataMessage.decode(MetadataMessage.answer(info, 0).encode()));
    assertThat(a.accept((MetadataMessage.Data) MetadataMessage.answer(info, 1)))
        .isEqualTo(MetadataAssembler.Progress.COMPLETE);
  }

  @Test
  void theAssembledInfoParsesToTheSameTorrent() throws Exception {
    TorrentInfo original = TorrentInfo.parse(TorrentFixture.named("leaves").torrent());
    byte[] info = original.infoBytes();
    MetadataAssembler a = new MetadataAssembler(original.infoHash(), info.length);
    for (int i = 0; i < a.pieceCount(); i++) {
      a.accept(piece(info, i));
    }
    TorrentInfo fetched = TorrentInfo.parse(a.torrentFile());
    assertThat(fetched.infoHash()).isEqualTo(original.infoHash());
    assertThat(fetched.files()).isEqualTo(original.files());
  }
}
