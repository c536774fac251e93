package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.ilptorrent.fixtures.ExpectedTorrent;
import org.ilptorrent.fixtures.TorrentFixture;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every webtorrent fixture reads as npm parse-torrent reads it; every corrupt twin is refused. */
class TorrentFixturesTest {

  static Stream<Named<TorrentFixture>> fixtures() {
    return TorrentFixture.all().stream().map(f -> Named.of(f.name(), f));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readsWhatParseTorrentReads(TorrentFixture fixture) {
    ExpectedTorrent want = fixture.expected();
    TorrentInfo torrent = TorrentInfo.parse(fixture.torrent());

    assertThat(torrent.infoHash().toHex()).isEqualTo(want.infoHash());
    assertThat(torrent.name()).isEqualTo(want.name());
    assertThat(torrent.isPrivate()).isEqualTo(Boolean.TRUE.equals(want.isPrivate()));
    assertThat(torrent.created().orElse(null))
        .isEqualTo(want.created() == null ? null : Instant.parse(want.created()));
    assertThat(torrent.createdBy().orElse(null)).isEqualTo(want.createdBy());
    assertThat(torrent.comment().orElse(null)).isEqualTo(want.comment());
    assertThat(torrent.announce()).isEqualTo(want.announce());
    assertThat(torrent.urlList()).isEqualTo(want.urlList());
    assertThat(torrent.files())
        .extracting(
            f -> new ExpectedTorrent.ExpectedFile(f.path(), f.name(), f.length(), f.offset()))
        .isEqualTo(want.files());
    assertThat(torrent.length()).isEqualTo(want.length());
    assertThat(torrent.pieceLength()).isEqualTo(want.pieceLength());
    assertThat(torrent.lastPieceLength()).isEqualTo(want.lastPieceLength());
    assertThat(torrent.pieces()).isEqualTo(want.pieces());
    assertThat(torrent.license()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void writesTheFileBackByteForByte(TorrentFixture fixture) {
    TorrentInfo torrent = TorrentInfo.parse(fixture.torrent());

    assertThat(torrent.toTorrentFile()).isEqualTo(fixture.torrent());
    assertThat(TorrentInfo.parse(torrent.toTorrentFile())).isEqualTo(torrent);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void writesTheMagnetParseTorrentWrites(TorrentFixture fixture) {
    TorrentInfo torrent = TorrentInfo.parse(fixture.torrent());

    assertThat(torrent.toMagnetUri().toString()).isEqualTo(fixture.expected().magnetUri());
    assertThat(torrent.identity().infoHash()).isEqualTo(torrent.infoHash());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void refusesTheCorruptTwin(TorrentFixture fixture) {
    assertThatThrownBy(() -> TorrentInfo.parse(fixture.corruptTorrent()))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining(fixture.corruptError());
    assertThat(TorrentInfo.tryParse(fixture.corruptTorrent())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void keepsTheRawInfoBytes(TorrentFixture fixture) {
    TorrentInfo torrent = TorrentInfo.parse(fixture.torrent());
    byte[] info = torrent.infoBytes();
    info[0] = 'x';

    assertThat(torrent.infoBytes()[0]).isEqualTo((byte) 'd');
    assertThat(List.of(torrent.pieceCount())).containsExactly(fixture.expected().pieces().size());
  }
}
