package org.ilptorrent.webtorrent.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-peer rings: our sent requests, and the requests a peer queued at us. */
class RequestQueuesTest {
  @Test
  void sentRequestsFindBlocksInAnyOrderAndGrowPastTheirFirstSize() {
    SentRequests sent = new SentRequests();
    for (int i = 0; i < 200; i++) {
      sent.add(i / 16, (i % 16) * 16384);
    }
    assertThat(sent.size()).isEqualTo(200);
    assertThat(sent.remove(0, 0)).isTrue(); // the oldest, the usual case
    assertThat(sent.remove(5, 3 * 16384)).isTrue(); // one in the middle
    assertThat(sent.remove(5, 3 * 16384)).isFalse();
    assertThat(sent.remove(99, 0)).isFalse();
    assertThat(sent.size()).isEqualTo(198);
    for (int i = 1; i < 200; i++) {
      if (i != 5 * 16 + 3) {
        assertThat(sent.remove(i / 16, (i % 16) * 16384)).as("request %d", i).isTrue();
      }
    }
    assertThat(sent.size()).isZero();
    // wrapped around the ring
    for (int round = 0; round < 300; round++) {
      sent.add(round, 0);
      assertThat(sent.remove(round, 0)).isTrue();
    }
    sent.add(1, 2);
    sent.clear();
    assertThat(sent.remove(1, 2)).isFalse();
  }

  @Test
  void uploadQueueServesInOrderCancelsAndDrains() {
    UploadQueue q = new UploadQueue(3);
    q.add(1, 0, 100);
    q.add(1, 100, 100);
    q.add(2, 0, 50);
    assertThat(q.isFull()).isTrue();
    assertThat(q.remove(1, 100, 100)).isTrue();
    assertThat(q.remove(1, 100, 100)).isFalse();
    assertThat(q.peekPiece()).isEqualTo(1);
    q.pop();
    q.add(3, 0, 10);
    q.add(4, 0, 10);
    List<String> drained = new ArrayList<>();
    q.drain((p, b, l) -> drained.add(p + "/" + b + "/" + l));
    assertThat(drained).containsExactly("2/0/50", "3/0/10", "4/0/10");
    assertThat(q.isEmpty()).isTrue();
  }
}
