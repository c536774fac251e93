package org.ilptorrent.webtorrent.internal.pick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A simulated swarm drives the picker the way a session would: random deliveries, chokes,
 * departures, a peer sending corrupt blocks, and end game. Whatever happens, the download must
 * finish with every piece verified, and the picker's books must match what was sent.
 */
class PiecePickerSwarmTest {
  private static final int B = PiecePicker.BLOCK;
  private static final int PIECES = 60;

  record Req(int piece, int begin, int length) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void alwaysFinishesWithEveryPieceVerified(long seed) {
    Random random = new Random(seed);
    PiecePicker<String> picker =
        new PiecePicker<>((long) PIECES * 3 * B - 5000, 3 * B, new BitSet(), 2, new Random(seed));
    if (seed % 3 == 0) {
      picker.priorities().strategy(PiecePriorities.Strategy.SEQUENTIAL);
    }
    if (seed % 4 == 0) {
      picker.priorities().critical(40, 44);
    }
    Map<String, List<Req>> sent = new HashMap<>();
    List<String> peers = new ArrayList<>(List.of("seed", "p1", "p2", "p3", "bad"));
    picker.peerHaveAll("seed");
    for (String p : peers.subList(1, peers.size())) {
      BitSet bits = new BitSet();
      for (int i = 0; i < PIECES; i++) {
        if (random.nextInt(3) > 0) {
          bits.set(i);
        }
      }
      picker.peerBitfield(p, bits);
    }
    peers.forEach(p -> sent.put(p, new ArrayList<>()));
    Map<Integer, Set<String>> senders = new HashMap<>();
    int failures = 0;
    int verified = 0;

    for (int round = 0; !picker.isComplete(); round++) {
      assertThat(round).as("the download stalled").isLessThan(20_000);
      for (String peer : List.copyOf(peers)) {
        List<Req> queue = sent.get(peer);
        int depth = 4 + random.nextInt(8);
        picker.pick(peer, depth - queue.size(), (p, b, l) -> queue.add(new Req(p, b, l)));
        assertThat(new HashSet<>(queue)).as("no request twice to one peer").hasSize(queue.size());
        assertThat(picker.outstanding(peer)).isEqualTo(queue.size());

        int event = random.nextInt(100);
        if (event < 3) {
          picker.releaseAll(peer); // choked us
          queue.clear();
          continue;
        }
        if (event < 4 && !peer.equals("seed")) {
          picker.peerGone(peer); // left; comes back with a have-all
          queue.clear();
          picker.peerHaveAll(peer);
          continue;
        }
        if (event < 8 && !queue.isEmpty()) {
          Req r = queue.remove(random.nextInt(queue.size()));
          assertThat(picker.release(peer, r.piece(), r.begin())).isTrue(); // rejected
        }
        int deliveries = random.nextInt(queue.size() + 1);
        for (int d = 0; d < deliveries && !queue.isEmpty(); d++) {
          Req r = queue.remove(random.nextInt(queue.size()));
          BlockStatus status =
              picker.onBlock(
                  peer,
                  r.piece(),
                  r.begin(),
                  r.length(),
                  (other, piece, begin, length) ->
                      assertThat(sent.get(other).remove(new Req(piece, begin, length))).isTrue());
          assertThat(status).isIn(BlockStatus.ACCEPTED, BlockStatus.PIECE_COMPLETE);
          senders.computeIfAbsent(r.piece(), k -> new LinkedHashSet<>()).add(peer);
          if (status == BlockStatus.PIECE_COMPLETE) {
            Set<String> from = senders.remove(r.piece());
            if (from.contains("bad")) {
              assertThat(picker.pieceFailed(r.piece())).containsExactlyInAnyOrderElementsOf(from);
              if (++failures == 2) {
                picker.peerGone("bad"); // banned
                sent.get("bad").clear();
                peers.remove("bad");
              }
            } else {
              picker.pieceVerified(r.piece());
              verified++;
            }
          }
        }
      }
    }
    assertThat(verified).isEqualTo(PIECES);
    assertThat(picker.have().cardinality()).isEqualTo(PIECES);
    for (String peer : peers) {
      picker.releaseAll(peer);
    }
  }
}
