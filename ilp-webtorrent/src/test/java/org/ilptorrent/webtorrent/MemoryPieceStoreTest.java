package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryPieceStoreTest extends PieceStoreContractTest {
  @Override
  PieceStore store(TestTorrents t) {
    return MemoryPieceStore.of(t.torrent());
  }

  @Test
  void refusesNonsenseShapes() {
    assertThatThrownBy(() -> new MemoryPieceStore(0, 16384))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MemoryPieceStore(10, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MemoryPieceStore(Long.MAX_VALUE, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
