package org.ilptorrent.webtorrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.internal.wire.WireBytes.hex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerWireHostileInputTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = ';',
      value = {
        // length prefix over the 2 MiB cap, caught from the header alone
        "7fffffff 07;                     over the cap",
        "ffffffff 07;                     negative length",
        // a choke must be exactly one byte
        "00000002 00 00;                  choke with a payload",
        "00000004 04 000000;              short have",
        "0000000c 06 00000001 00000000 00; short request",
        "00000002 09 1a;                  short port",
        // block of 16 KiB + 1 (length 9 + 16385 = 0x400a)
        "0000400a 07;                     block over 16 KiB",
        "00000009 07 00000000 00000000;   piece without data",
        // bitfield over the torrent's 2 bytes (10 pieces)
        "00000004 05 ff;                  bitfield too long for the torrent",
        "00000001 05;                     empty bitfield",
        "00000005 04 80000000;            have index over 2^31",
        "0000000d 06 00000000 00000000 00000000; zero request length",
        "0000000d 06 00000000 ffffffff 00004000; negative begin",
        "00000001 14;                     extended without an id",
      })
  void refusesWithATypedError(String bytes, String why) {
    PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.forPieceCount(10));
    assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap(hex(bytes)), m -> {}))
        .as(why)
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageMatching(".*(long|range|zero|cap).*");
  }

  @Test
  void anOversizedLengthIsRefusedBeforeAnythingIsBuffered() {
    PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.beforeMetadata());
    // A "bitfield" of 64 MiB: only the five header bytes arrive.
    assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap(hex("04000000 05")), m -> {}))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageContaining("over the cap");
  }

  @Test
  void anExtendedMessageIsBoundedByItsLimit() throws Exception {
    WireLimits limits = new WireLimits(16384, 2, 10);
    PeerWireDecoder decoder = new PeerWireDecoder(limits);
    List<PeerMessage> out = new ArrayList<>();
    // payload of exactly 10 bytes after the id byte: accepted
    decoder.feed(ByteBuffer.wrap(hex("0000000c 14 01 00112233445566778899")), out::add);
    assertThat(out).hasSize(1);
    assertThatThrownBy(
            () ->
                decoder.feed(
                    ByteBuffer.wrap(hex("0000000d 14 01 00112233445566778899aa")), m -> {}))
        .isInstanceOf(PeerProtocolException.class);
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButAProtocolError() throws java.io.IOException {
    Random random = new Random(42);
    for (int run = 0; run < 2000; run++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.forPieceCount(1000));
      try {
        for (int off = 0; off < junk.length; off += 7) {
          decoder.feed(ByteBuffer.wrap(junk, off, Math.min(7, junk.length - off)), m -> {});
        }
      } catch (PeerProtocolException expected) {
        // the only failure allowed
      }
    }
  }

  @Test
  void aSinkCanRejectAMessage() {
    PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.beforeMetadata());
    assertThatThrownBy(
            () ->
                decoder.feed(
                    ByteBuffer.wrap(hex("00000001 00")),
                    m -> {
                      throw new PeerProtocolException("choke not allowed here");
                    }))
        .hasMessage("choke not allowed here");
  }
}
