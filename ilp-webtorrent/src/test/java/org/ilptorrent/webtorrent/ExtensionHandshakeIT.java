package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.DataInputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a seeder says after the handshake: its pieces, then the BEP 10 handshake. */
class ExtensionHandshakeIT {
  @TempDir Path seedDir;

  @Test
  void aPublicTorrentOffersMetadataAndPeerExchange() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "pub.bin", 100_000, 16 * 1024, 1);
    List<PeerMessage> first = firstMessages(meta);
    assertThat(first.get(0)).isEqualTo(PeerMessage.HaveAll.INSTANCE);
    ExtensionHandshake hs = extensionHandshake(first);
    assertThat(hs.idOf(ExtensionHandshake.UT_METADATA)).isPresent();
    assertThat(hs.idOf(ExtensionHandshake.UT_PEX)).isPresent();
    assertThat(hs.metadataSize()).hasValue(meta.infoBytes().length);
    assertThat(hs.requestQueue()).isPresent();
    assertThat(hs.client()).isPresent();
    assertThat(hs.uploadOnly()).isTrue();
  }

  @Test
  void aPrivateTorrentNeverOffersPeerExchange() throws Exception {
    Path file = seedDir.resolve("priv.bin");
    Swarms.writeRandom(file, 100_000, 2);
    TorrentInfo meta =
        TorrentInfo.parse(
            TorrentCreator.builder()
                .addPath(file)
                .pieceLength(16 * 1024)
                .isPrivate(true)
                .noCreationDate()
                .build()
                .create()
                .torrentFile());
    assertThat(meta.isPrivate()).isTrue();
    ExtensionHandshake hs = extensionHandshake(firstMessages(meta));
    assertThat(hs.idOf(ExtensionHandshake.UT_METADATA)).isPresent();
    assertThat(hs.idOf(ExtensionHandshake.UT_PEX)).isEmpty();
  }

  private static ExtensionHandshake extensionHandshake(List<PeerMessage> messages)
      throws Exception {
    for (PeerMessage m : messages) {
      if (m instanceof PeerMessage.Extended e && e.id() == 0) {
        return ExtensionHandshake.decode(e.payload());
      }
    }
    throw new AssertionError("no extension handshake in " + messages);
  }

  /** Connects with the extension and fast bits and collects the seeder's first two messages. */
  private List<PeerMessage> firstMessages(TorrentInfo meta) throws Exception {
    try (WebTorrent seeder = client(seedDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      try (Socket s = new Socket("127.0.0.1", seeder.port())) {
        s.setSoTimeout(10_000);
        ByteBuffer hs = ByteBuffer.allocate(Handshake.LENGTH);
        new Handshake(
                Handshake.EXTENSION_PROTOCOL | Handshake.FAST_EXTENSION,
                meta.infoHash(),
                PeerId.generate(new Random()))
            .writeTo(hs);
        s.getOutputStream().write(hs.array());
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] theirs = new byte[Handshake.LENGTH];
        in.readFully(theirs);
        assertThat(Handshake.read(ByteBuffer.wrap(theirs)).orElseThrow().infoHash())
            .isEqualTo(meta.infoHash());
        PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.forPieceCount(meta.pieceCount()));
        List<PeerMessage> got = new ArrayList<>();
        byte[] buf = new byte[4096];
        while (got.size() < 2) {
          int n = in.read(buf);
          assertThat(n).isPositive();
          decoder.feed(
              ByteBuffer.wrap(buf, 0, n),
              m -> {
                if (m instanceof PeerMessage.Extended e) {
                  got.add(new PeerMessage.Extended(e.id(), e.payload().clone()));
                } else {
                  got.add(m);
                }
              });
        }
        return got;
      }
    }
  }
}
