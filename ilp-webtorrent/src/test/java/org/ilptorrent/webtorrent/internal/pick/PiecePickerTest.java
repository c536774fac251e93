package org.ilptorrent.webtorrent.internal.pick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PiecePickerTest {
  static final int B = PiecePicker.BLOCK;

  record Req(int piece, int begin, int length) {}

  record Cancel(String peer, int piece, int begin) {}

  /** {@code pieces} pieces of 2 blocks each, the last one of 1 block. */
  static PiecePicker<String> picker(int pieces) {
    return new PiecePicker<>((long) pieces * 2 * B - B, 2 * B, new BitSet(), 2, new Random(1));
  }

  static BitSet bits(int... pieces) {
    BitSet b = new BitSet();
    for (int p : pieces) {
      b.set(p);
    }
    return b;
  }

  static List<Req> pick(PiecePicker<String> picker, String peer, int count) {
    List<Req> out = new ArrayList<>();
    picker.pick(peer, count, (p, b, l) -> out.add(new Req(p, b, l)));
    return out;
  }

  static List<Integer> pieces(List<Req> reqs) {
    return reqs.stream().map(Req::piece).distinct().toList();
  }

  @Test
  void cutsPiecesIntoSixteenKibBlocks() {
    PiecePicker<String> p =
        new PiecePicker<>(40 * 1024 + 100, 40 * 1024, new BitSet(), 2, new Random(1));
    p.peerHaveAll("a");
    assertThat(pick(p, "a", 10))
        .containsExactlyInAnyOrder(
            new Req(0, 0, B), new Req(0, B, B), new Req(0, 2 * B, 8 * 1024), new Req(1, 0, 100));
  }

  @Test
  void picksTheRarestPieceFirst() {
    PiecePicker<String> p = picker(4);
    // availability: piece 0 -> 3 peers, 1 -> 1, 2 -> 2, 3 -> 3
    p.peerBitfield("a", bits(0, 1, 2, 3));
    p.peerBitfield("b", bits(0, 2, 3));
    p.peerBitfield("c", bits(0, 3));
    assertThat(p.availability(1)).isEqualTo(1);
    List<Req> reqs = pick(p, "a", 8);
    assertThat(pieces(reqs).subList(0, 2)).containsExactly(1, 2);
    assertThat(pieces(reqs).subList(2, 4)).containsExactlyInAnyOrder(0, 3);
  }

  @Test
  void availabilityFollowsHaveLateBitfieldsAndDepartures() {
    PiecePicker<String> p = picker(4);
    p.peerBitfield("a", bits(0));
    p.peerHave("a", 1);
    p.peerHave("a", 1);
    assertThat(p.availability(1)).isEqualTo(1);
    p.peerBitfield("a", bits(2, 3)); // a late bitfield replaces the first
    assertThat(List.of(p.availability(0), p.availability(1), p.availability(2)))
        .containsExactly(0, 0, 1);
    p.peerHaveAll("b");
    assertThat(p.availability(0)).isEqualTo(1);
    p.peerGone("b");
    p.peerHaveNone("a");
    assertThat(p.availability(2)).isZero();
  }

  @Test
  void finishesStartedPiecesBeforeOpeningNewOnes() {
    PiecePicker<String> p = picker(4);
    p.peerHaveAll("a");
    p.peerHaveAll("b");
    List<Req> first = pick(p, "a", 1);
    // b should take the second block of a's piece before any other piece
    assertThat(pick(p, "b", 1)).containsExactly(new Req(first.get(0).piece(), B, B));
  }

  @Test
  void sequentialPicksInIndexOrder() {
    PiecePicker<String> p = picker(5);
    p.priorities().strategy(PiecePriorities.Strategy.SEQUENTIAL);
    p.peerHaveAll("a");
    p.peerBitfield("b", bits(0, 1)); // rarity does not matter now
    assertThat(pieces(pick(p, "a", 9))).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void priorityBeatsRarityAndDeselectedPiecesAreNeverPicked() {
    PiecePicker<String> p = picker(6);
    p.peerHaveAll("a");
    p.peerBitfield("b", bits(2, 3, 4, 5)); // 0 and 1 are the rarest
    p.priorities().select(4, 5, 3);
    p.priorities().select(2, 2, 1);
    p.priorities().deselect(0, 0);
    List<Integer> order = pieces(pick(p, "a", 100));
    assertThat(order.subList(0, 2)).containsExactlyInAnyOrder(4, 5);
    assertThat(order.get(2)).isEqualTo(2);
    assertThat(order).doesNotContain(0).contains(1, 3);
  }

  @Test
  void criticalPiecesComeFirstInIndexOrder() {
    PiecePicker<String> p = picker(10);
    p.peerHaveAll("a");
    p.priorities().select(0, 9, 5);
    p.priorities().deselect(8, 8);
    p.priorities().critical(6, 8); // a stream wants pieces 6..8 now; 8 becomes wanted again
    assertThat(pieces(pick(p, "a", 6))).containsExactly(6, 7, 8);
    p.priorities().clearCritical(0, 9);
  }

  @Test
  void picksOnlyPiecesThePeerHas() {
    PiecePicker<String> p = picker(4);
    p.peerBitfield("a", bits(2));
    assertThat(p.isInteresting("a")).isTrue();
    assertThat(pieces(pick(p, "a", 10))).containsExactly(2);
    assertThat(p.outstanding("a")).isEqualTo(2);
    assertThat(pick(p, "unknown", 10)).isEmpty();
  }

  @Test
  void deliveredBlocksCompleteAPieceThatThenWaitsForItsHash() {
    PiecePicker<String> p = picker(2);
    p.priorities().strategy(PiecePriorities.Strategy.SEQUENTIAL);
    p.peerHaveAll("a");
    List<Req> reqs = pick(p, "a", 3);
    assertThat(reqs).hasSize(3);
    Req r0 = reqs.get(0);
    assertThat(p.onBlock("a", r0.piece(), r0.begin(), r0.length(), (x, y, z, w) -> {}))
        .isEqualTo(BlockStatus.ACCEPTED);
    assertThat(p.onBlock("a", r0.piece(), r0.begin(), r0.length(), (x, y, z, w) -> {}))
        .isEqualTo(BlockStatus.DUPLICATE);
    Req r1 = reqs.get(1);
    assertThat(p.onBlock("a", r1.piece(), r1.begin(), r1.length(), (x, y, z, w) -> {}))
        .isEqualTo(BlockStatus.PIECE_COMPLETE);
    p.pieceVerified(r0.piece());
    assertThat(p.has(r0.piece())).isTrue();
    assertThat(p.isComplete()).isFalse();
    Req r2 = reqs.get(2);
    assertThat(p.onBlock("a", r2.piece(), r2.begin(), r2.length(), (x, y, z, w) -> {}))
        .isEqualTo(BlockStatus.PIECE_COMPLETE);
    p.pieceVerified(r2.piece());
    assertThat(p.isComplete()).isTrue();
    assertThat(p.isInteresting("a")).isFalse();
  }

  @Test
  void refusesBlocksThatAreNotBlocksOfThisTorrent() {
    PiecePicker<String> p = picker(2);
    p.peerHaveAll("a");
    pick(p, "a", 3);
    PiecePicker.CancelSink<String> none = (x, y, z, w) -> {};
    assertThat(p.onBlock("a", 5, 0, B, none)).isEqualTo(BlockStatus.INVALID);
    assertThat(p.onBlock("a", 0, 100, B, none)).isEqualTo(BlockStatus.INVALID);
    assertThat(p.onBlock("a", 0, 0, 100, none)).isEqualTo(BlockStatus.INVALID);
    assertThat(p.onBlock("a", 0, 2 * B, B, none)).isEqualTo(BlockStatus.INVALID);
    assertThat(p.onBlock("a", 1, B, B, none))
        .as("piece 1 has one block")
        .isEqualTo(BlockStatus.INVALID);
  }

  @Test
  void aBlockOfAPieceNeverAskedForIsUnwanted() {
    PiecePicker<String> p = picker(4);
    p.peerBitfield("a", bits(0));
    pick(p, "a", 2);
    assertThat(p.onBlock("a", 2, 0, B, (x, y, z, w) -> {})).isEqualTo(BlockStatus.UNWANTED);
  }

  @Test
  void aPieceFailingItsHashIsFetchedAgainAndItsSendersNamed() {
    PiecePicker<String> p = picker(1); // one piece, one block
    p.peerHaveAll("bad");
    p.peerHaveAll("good");
    assertThat(pick(p, "bad", 5)).containsExactly(new Req(0, 0, B));
    assertThat(p.onBlock("bad", 0, 0, B, (x, y, z, w) -> {})).isEqualTo(BlockStatus.PIECE_COMPLETE);
    assertThat(pick(p, "good", 5)).as("a piece awaiting its hash is not picked").isEmpty();
    assertThat(p.pieceFailed(0)).containsExactly("bad");
    assertThat(p.has(0)).isFalse();
    assertThat(pick(p, "good", 5)).containsExactly(new Req(0, 0, B));
  }

  @Test
  void releasedAndRejectedRequestsGoToOtherPeers() {
    PiecePicker<String> p = picker(1);
    p.peerHaveAll("a");
    p.peerHaveAll("b");
    pick(p, "a", 1);
    assertThat(p.release("a", 0, 0)).isTrue();
    assertThat(p.release("a", 0, 0)).isFalse();
    assertThat(pick(p, "b", 1)).containsExactly(new Req(0, 0, B));
    p.peerGone("b");
    assertThat(p.outstanding("b")).isZero();
    assertThat(pick(p, "a", 1)).containsExactly(new Req(0, 0, B));
    p.releaseAll("a");
    assertThat(p.outstanding("a")).isZero();
    assertThat(pick(p, "a", 1)).hasSize(1);
  }

  @Test
  void endGameDuplicatesTheLastBlocksAndCancelsTheLosers() {
    PiecePicker<String> p = picker(2); // blocks: (0,0) (0,B) (1,0)
    p.peerHaveAll("a");
    p.peerHaveAll("b");
    p.peerHaveAll("c");
    assertThat(pick(p, "a", 2)).hasSize(2);
    assertThat(p.isEndGame()).isFalse();
    assertThat(pick(p, "b", 1)).hasSize(1);
    assertThat(p.isEndGame()).as("every block is requested").isTrue();

    // b has room: it gets duplicates of a's blocks, never its own twice
    List<Req> dup = pick(p, "b", 10);
    assertThat(dup).hasSize(2).doesNotHaveDuplicates();
    // c may add a copy only where fewer than 2 requests are out: b's own block
    List<Req> forC = pick(p, "c", 10);
    assertThat(forC).hasSize(1).doesNotContainAnyElementsOf(dup);
    assertThat(pick(p, "c", 10)).isEmpty();

    Req won = dup.get(0);
    List<Cancel> cancels = new ArrayList<>();
    assertThat(
            p.onBlock(
                "b",
                won.piece(),
                won.begin(),
                won.length(),
                (peer, piece, begin, length) -> cancels.add(new Cancel(peer, piece, begin))))
        .isIn(BlockStatus.ACCEPTED, BlockStatus.PIECE_COMPLETE);
    assertThat(cancels).containsExactly(new Cancel("a", won.piece(), won.begin()));
    assertThat(p.outstanding("a")).isEqualTo(1);
  }

  @Test
  void noEndGameWhileAnyWantedBlockIsUnrequested() {
    PiecePicker<String> p = picker(3);
    p.peerBitfield("a", bits(0));
    p.peerHaveAll("b");
    pick(p, "a", 10); // a has only piece 0; pieces 1 and 2 are untouched
    assertThat(p.isEndGame()).isFalse();
    assertThat(pick(p, "a", 10)).as("no duplicates outside end game").isEmpty();
  }

  @Test
  void resumedPiecesAreNeverPicked() {
    PiecePicker<String> p = new PiecePicker<>(4L * B, B, bits(0, 1, 3), 2, new Random(1));
    p.peerHaveAll("a");
    assertThat(pick(p, "a", 10)).containsExactly(new Req(2, 0, B));
    assertThat(p.have()).isEqualTo(bits(0, 1, 3));
  }

  @Test
  void randomTieBreakSpreadsPeersOverEquallyRarePieces() {
    List<Integer> firsts = new ArrayList<>();
    for (int seed = 0; seed < 20; seed++) {
      PiecePicker<String> p = new PiecePicker<>(100L * B, B, new BitSet(), 2, new Random(seed));
      p.peerHaveAll("a");
      firsts.add(pick(p, "a", 1).get(0).piece());
    }
    assertThat(firsts.stream().distinct().count()).isGreaterThan(5);
  }

  @Test
  void aChokingPeerIsAskedOnlyForItsAllowedFastPieces() {
    PiecePicker<String> p = picker(6);
    p.peerHaveAll("a");
    List<Req> out = new ArrayList<>();
    p.pick("a", 10, bits(1, 4), (piece, b, l) -> out.add(new Req(piece, b, l)));
    assertThat(pieces(out)).containsExactlyInAnyOrder(1, 4);
  }
}
