package org.ilptorrent.webtorrent.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.ilptorrent.parse.FileEntry;
import org.junit.jupiter.api.Test;

class PaddingTest {
  /**
   * Pieces of 100 bytes. Torrent bytes: a [0,30), pad [30,100), b [100,250), pad [250,300), an
   * empty pad at 300, c [300,310).
   */
  private static final Padding PADDING =
      Padding.of(
          List.of(
              file("a", 30, 0, false),
              file(".pad/70", 70, 30, true),
              file("b", 150, 100, false),
              file(".pad/50", 50, 250, true),
              file(".pad/0", 0, 300, true),
              file("c", 10, 300, false)),
          100);

  @Test
  void zerosInPaddingPassAndAnyOtherByteThereFails() {
    byte[] piece0 = new byte[100];
    piece0[0] = 1; // real data may be anything
    piece0[29] = 1;
    assertThat(PADDING.zerosWherePadding(0, 0, ByteBuffer.wrap(piece0))).isTrue();
    piece0[30] = 1; // the first byte of padding
    assertThat(PADDING.zerosWherePadding(0, 0, ByteBuffer.wrap(piece0))).isFalse();
    piece0[30] = 0;
    piece0[99] = 1; // the last
    assertThat(PADDING.zerosWherePadding(0, 0, ByteBuffer.wrap(piece0))).isFalse();
  }

  @Test
  void aBlockIsCheckedWhereItLandsAndIsNotConsumed() {
    // piece 2 starts at byte 200: b to 250, then padding
    ByteBuffer block = ByteBuffer.wrap(new byte[] {9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 7});
    block.limit(10).position(5); // five zeros at piece 2, offset 45: bytes 245..249 of b
    assertThat(PADDING.zerosWherePadding(2, 45, block)).isTrue();
    block.position(0).limit(5); // the 9s at offset 50: bytes 250..254, padding
    assertThat(PADDING.zerosWherePadding(2, 50, block)).isFalse();
    assertThat(PADDING.zerosWherePadding(2, 40, block)).isTrue(); // bytes 240..244 of b
    assertThat(block.position()).isZero();
    block.limit(11).position(6); // 0 0 0 0 7 at 296..300: the 7 is c's first byte
    assertThat(PADDING.zerosWherePadding(2, 96, block)).isTrue();
  }

  @Test
  void aTorrentWithoutPaddingAcceptsAnything() {
    Padding none = Padding.of(List.of(file("a", 300, 0, false)), 100);
    assertThat(none.isEmpty()).isTrue();
    assertThat(PADDING.isEmpty()).isFalse();
    assertThat(none.zerosWherePadding(1, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isTrue();
  }

  private static FileEntry file(String path, long length, long offset, boolean padding) {
    return new FileEntry("t/" + path, List.of("t", path), path, length, offset, padding ? "p" : "");
  }
}
