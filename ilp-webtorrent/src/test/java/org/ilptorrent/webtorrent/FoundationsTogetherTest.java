package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Random;
import org.ilptorrent.webtorrent.internal.pick.BlockStatus;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.pick.PipelineDepth;
import org.ilptorrent.webtorrent.internal.wire.Bitfields;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codec, picker and stores composed the way a wire session will compose them, over in-memory
 * byte streams cut at odd sizes instead of sockets: a seeder answers requests from a memory store,
 * a leecher picks, checks hashes and writes files, and the result is the torrent's exact content.
 */
class FoundationsTogetherTest {
  @TempDir Path dir;

  @Test
  void aLeecherGetsEveryFileByteForByteFromASeeder() throws Exception {
    TestTorrents t = TestTorrents.multiFile(32 * 1024, 11, 70_000, 5, 130_001);
    int pieces = t.torrent().pieceCount();
    MemoryPieceStore seed = MemoryPieceStore.of(t.torrent());
    for (int p = 0; p < pieces; p++) {
      int from = p * t.torrent().pieceLength();
      seed.write(
          p, 0, ByteBuffer.wrap(Arrays.copyOfRange(t.content(), from, from + seed.pieceLength(p))));
    }

    Random cuts = new Random(5);
    ByteBuffer toSeeder = ByteBuffer.allocate(1 << 20);
    ByteBuffer toLeecher = ByteBuffer.allocate(1 << 20);
    PeerWireDecoder seederIn = new PeerWireDecoder(WireLimits.forPieceCount(pieces));
    PeerWireDecoder leecherIn = new PeerWireDecoder(WireLimits.forPieceCount(pieces));
    PiecePicker<String> picker =
        new PiecePicker<>(
            t.torrent().length(), t.torrent().pieceLength(), new BitSet(), 2, new Random(3));
    ArrayDeque<PeerMessage.Request> seederQueue = new ArrayDeque<>();
    BitSet all = new BitSet();
    all.set(0, pieces);

    // the seeder announces its pieces
    PeerWireEncoder.encode(new PeerMessage.Bitfield(Bitfields.toBytes(all, pieces)), toLeecher);
    try (FilePieceStore store = FilePieceStore.open(dir, t.torrent())) {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      int depth = PipelineDepth.defaults().depth(0, java.util.OptionalInt.empty());
      for (int round = 0; !picker.isComplete(); round++) {
        assertThat(round).isLessThan(10_000);
        // leecher: read what arrived, in cuts of odd sizes
        deliver(
            toLeecher,
            cuts,
            leecherIn,
            m -> {
              if (m instanceof PeerMessage.Bitfield b) {
                picker.peerBitfield("seed", Bitfields.toBitSet(b.bits(), pieces));
              } else if (m instanceof PeerMessage.Piece p) {
                int length = p.block().remaining();
                BlockStatus s =
                    picker.onBlock("seed", p.piece(), p.begin(), length, (a, b2, c, d) -> {});
                if (s == BlockStatus.ACCEPTED || s == BlockStatus.PIECE_COMPLETE) {
                  store.write(p.piece(), p.begin(), p.block());
                }
                if (s == BlockStatus.PIECE_COMPLETE) {
                  sha1.update(
                      ByteBuffer.wrap(store.read(p.piece(), 0, store.pieceLength(p.piece()))));
                  if (Arrays.equals(sha1.digest(), t.torrent().pieceHash(p.piece()))) {
                    picker.pieceVerified(p.piece());
                  } else {
                    picker.pieceFailed(p.piece());
                  }
                }
              }
            });
        picker.pick(
            "seed",
            depth - picker.outstanding("seed"),
            (piece, begin, length) -> PeerWireEncoder.writeRequest(toSeeder, piece, begin, length));
        // seeder: answer requests, block bytes straight from its store
        deliver(toSeeder, cuts, seederIn, m -> seederQueue.add((PeerMessage.Request) m));
        while (!seederQueue.isEmpty() && toLeecher.remaining() > 64 * 1024) {
          PeerMessage.Request r = seederQueue.poll();
          PeerWireEncoder.writePieceHeader(toLeecher, r.piece(), r.begin(), r.length());
          ByteBuffer block = toLeecher.slice().limit(r.length());
          seed.read(r.piece(), r.begin(), block);
          toLeecher.position(toLeecher.position() + r.length());
        }
      }
      store.flush();
      assertThat(PieceVerifier.verify(t.torrent(), store).cardinality()).isEqualTo(pieces);
    }
    for (Map.Entry<String, byte[]> f : t.files().entrySet()) {
      assertThat(dir.resolve("set").resolve(f.getKey())).hasBinaryContent(f.getValue());
    }
  }

  /** Feeds everything written to {@code wire} to {@code decoder}, in random cuts. */
  private static void deliver(
      ByteBuffer wire, Random cuts, PeerWireDecoder decoder, PeerWireDecoder.Sink sink)
      throws java.io.IOException {
    wire.flip();
    while (wire.hasRemaining()) {
      int n = Math.min(wire.remaining(), 1 + cuts.nextInt(40_000));
      ByteBuffer chunk = wire.slice().limit(n);
      decoder.feed(chunk, sink);
      wire.position(wire.position() + n);
    }
    wire.clear();
  }
}
