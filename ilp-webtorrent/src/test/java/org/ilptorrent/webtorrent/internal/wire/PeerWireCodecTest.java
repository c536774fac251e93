package org.ilptorrent.webtorrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.internal.wire.WireBytes.hex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PeerWireCodecTest {

  /** Each message and its bytes: length prefix | id | payload. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(PeerMessage.KeepAlive.INSTANCE, "00000000"),
        Arguments.of(PeerMessage.Choke.INSTANCE, "00000001 | 00"),
        Arguments.of(PeerMessage.Unchoke.INSTANCE, "00000001 | 01"),
        Arguments.of(PeerMessage.Interested.INSTANCE, "00000001 | 02"),
        Arguments.of(PeerMessage.NotInterested.INSTANCE, "00000001 | 03"),
        // have piece 0x01020304
        Arguments.of(new PeerMessage.Have(0x01020304), "00000005 | 04 | 01020304"),
        // bitfield: pieces 0 and 9 of 10 -> 1000 0000  0100 0000
        Arguments.of(
            new PeerMessage.Bitfield(new byte[] {(byte) 0x80, 0x40}), "00000003 | 05 | 8040"),
        // request piece 1, begin 16384, length 16384
        Arguments.of(
            new PeerMessage.Request(1, 16384, 16384), "0000000d | 06 | 00000001 00004000 00004000"),
        // piece 2 at begin 0: three bytes of data
        Arguments.of(
            new PeerMessage.Piece(2, 0, ByteBuffer.wrap(new byte[] {'a', 'b', 'c'})),
            "0000000c | 07 | 00000002 00000000 | 616263"),
        Arguments.of(
            new PeerMessage.Cancel(1, 16384, 16384), "0000000d | 08 | 00000001 00004000 00004000"),
        // DHT port 6881
        Arguments.of(new PeerMessage.Port(6881), "00000003 | 09 | 1ae1"),
        Arguments.of(new PeerMessage.SuggestPiece(7), "00000005 | 0d | 00000007"),
        Arguments.of(PeerMessage.HaveAll.INSTANCE, "00000001 | 0e"),
        Arguments.of(PeerMessage.HaveNone.INSTANCE, "00000001 | 0f"),
        Arguments.of(
            new PeerMessage.RejectRequest(3, 0, 16384),
            "0000000d | 10 | 00000003 00000000 00004000"),
        Arguments.of(new PeerMessage.AllowedFast(9), "00000005 | 11 | 00000009"),
        // extended id 0 (the BEP 10 handshake) with payload "de"
        Arguments.of(
            new PeerMessage.Extended(0, new byte[] {'d', 'e'}), "00000004 | 14 | 00 | 6465"));
  }

  @ParameterizedTest
  @MethodSource("table")
  void encodesToTheTable(PeerMessage message, String bytes) {
    ByteBuffer out = ByteBuffer.allocate(64);
    PeerWireEncoder.encode(message, out);
    assertThat(PeerWireEncoder.encodedLength(message)).isEqualTo(out.position());
    assertThat(java.util.Arrays.copyOf(out.array(), out.position())).isEqualTo(hex(bytes));
  }

  @ParameterizedTest
  @MethodSource("table")
  void decodesTheTable(PeerMessage message, String bytes) throws Exception {
    assertThat(decodeAll(WireLimits.beforeMetadata(), hex(bytes), 1 << 20))
        .containsExactly(message);
  }

  @Test
  void decodesTheSameMessagesWhateverTheChunking() throws Exception {
    ByteBuffer all = ByteBuffer.allocate(4096);
    List<PeerMessage> sent = new ArrayList<>();
    table().forEach(a -> sent.add((PeerMessage) a.get()[0]));
    byte[] block = new byte[1000];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) i;
    }
    sent.add(new PeerMessage.Piece(5, 32768, ByteBuffer.wrap(block)));
    sent.add(PeerMessage.KeepAlive.INSTANCE);
    sent.add(PeerMessage.KeepAlive.INSTANCE);
    sent.forEach(m -> PeerWireEncoder.encode(m, all));
    byte[] stream = java.util.Arrays.copyOf(all.array(), all.position());

    for (int chunk = 1; chunk <= 40; chunk++) {
      assertThat(decodeAll(WireLimits.beforeMetadata(), stream, chunk))
          .as("chunks of %d bytes", chunk)
          .containsExactlyElementsOf(sent);
    }
  }

  @Test
  void aWholePieceMessageIsAViewOfTheInputNotACopy() throws Exception {
    byte[] stream = hex("0000000c | 07 | 00000002 00000000 | 616263");
    ByteBuffer in = ByteBuffer.wrap(stream);
    List<ByteBuffer> blocks = new ArrayList<>();
    new PeerWireDecoder(WireLimits.beforeMetadata())
        .feed(in, m -> blocks.add(((PeerMessage.Piece) m).block()));
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).array()).isSameAs(stream);
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void theHeaderOnlyPieceEncodingPrecedesTheBlock() {
    ByteBuffer header = ByteBuffer.allocate(PeerWireEncoder.PIECE_HEADER_LENGTH);
    PeerWireEncoder.writePieceHeader(header, 2, 0, 3);
    assertThat(header.array()).isEqualTo(hex("0000000c | 07 | 00000002 00000000"));
  }

  @Test
  void skipsUnknownMessageIdsAndKeepsDecoding() throws Exception {
    // id 0x42 with 3 payload bytes, then unchoke
    byte[] stream = hex("00000004 | 42 | 010203 || 00000001 | 01");
    for (int chunk = 1; chunk <= stream.length; chunk++) {
      assertThat(decodeAll(WireLimits.beforeMetadata(), stream, chunk))
          .containsExactly(PeerMessage.Unchoke.INSTANCE);
    }
  }

  @Test
  void aTruncatedMessageStaysPending() throws Exception {
    PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.beforeMetadata());
    List<PeerMessage> out = new ArrayList<>();
    decoder.feed(ByteBuffer.wrap(hex("0000000d | 06 | 00000001 0000")), out::add);
    assertThat(out).isEmpty();
    assertThat(decoder.hasPartialMessage()).isTrue();
    decoder.feed(ByteBuffer.wrap(hex("4000 00004000")), out::add);
    assertThat(out).containsExactly(new PeerMessage.Request(1, 16384, 16384));
    assertThat(decoder.hasPartialMessage()).isFalse();
    assertThat(decoder.messageCount()).isEqualTo(1);
  }

  @Test
  void reusesOnePartialBufferForSplitBlocks() throws Exception {
    byte[] block = new byte[WireLimits.BLOCK_LENGTH];
    ByteBuffer all = ByteBuffer.allocate(3 * (block.length + 13));
    for (int i = 0; i < 3; i++) {
      block[0] = (byte) i;
      PeerWireEncoder.encode(new PeerMessage.Piece(i, 0, ByteBuffer.wrap(block)), all);
    }
    List<Integer> firstBytes = new ArrayList<>();
    List<Object> arrays = new ArrayList<>();
    PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.beforeMetadata());
    byte[] stream = all.array();
    for (int off = 0; off < stream.length; off += 1000) {
      ByteBuffer chunk = ByteBuffer.wrap(stream, off, Math.min(1000, stream.length - off));
      decoder.feed(
          chunk,
          m -> {
            PeerMessage.Piece p = (PeerMessage.Piece) m;
            assertThat(p.block().remaining()).isEqualTo(block.length);
            firstBytes.add((int) p.block().get(p.block().position()));
            arrays.add(p.block().array());
          });
    }
    assertThat(firstBytes).containsExactly(0, 1, 2);
    assertThat(arrays.get(1)).isSameAs(arrays.get(0)).isSameAs(arrays.get(2));
  }

  private static List<PeerMessage> decodeAll(WireLimits limits, byte[] stream, int chunk)
      throws java.io.IOException {
    PeerWireDecoder decoder = new PeerWireDecoder(limits);
    List<PeerMessage> out = new ArrayList<>();
    for (int off = 0; off < stream.length; off += chunk) {
      ByteBuffer in = ByteBuffer.wrap(stream, off, Math.min(chunk, stream.length - off));
      decoder.feed(in, m -> out.add(copy(m)));
      assertThat(in.hasRemaining()).isFalse();
    }
    assertThat(decoder.hasPartialMessage()).isFalse();
    return out;
  }

  /** Blocks are views valid during the callback only: keep a copy. */
  private static PeerMessage copy(PeerMessage m) {
    if (m instanceof PeerMessage.Piece p) {
      ByteBuffer c = ByteBuffer.allocate(p.block().remaining());
      c.put(p.block().duplicate()).flip();
      return new PeerMessage.Piece(p.piece(), p.begin(), c);
    }
    return m;
  }
}
