package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.assertSameFiles;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw sockets that break the protocol against a seeder: each connection is closed by the client,
 * and the seeder still serves an honest leecher afterwards.
 */
class HostilePeersIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;
  TorrentInfo meta;

  @BeforeEach
  void content() throws Exception {
    meta = Swarms.singleFile(seedDir, "data.bin", 1024 * 1024, 32 * 1024, 9);
  }

  @Test
  void protocolBreakersAreDisconnectedAndOthersAreStillServed() throws Exception {
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      // not BitTorrent at all. Whatever does not start as a plaintext handshake may be an MSE
      // opening, which is told from garbage only by its first 96 + 512 + 20 bytes (or by the
      // handshake timeout): a request longer than that is closed at once.
      assertClosed(
          seeder,
          ("GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(700) + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      // a torrent the seeder does not have
      assertClosed(seeder, handshake(InfoHash.fromHex("00".repeat(20))));
      // a message length far over any limit
      assertClosed(seeder, concat(handshake(meta.infoHash()), new byte[] {0x7f, -1, -1, -1, 7}));
      // a bitfield of the wrong size
      assertClosed(seeder, concat(handshake(meta.infoHash()), new byte[] {0, 0, 0, 3, 5, 1, 1}));
      // a have beyond the last piece
      ByteBuffer have = ByteBuffer.allocate(9);
      PeerWireEncoder.writeHave(have, meta.pieceCount() + 5);
      assertClosed(seeder, concat(handshake(meta.infoHash()), have.array()));
      // a truncated message, then the end of the stream
      try (Socket s = new Socket("127.0.0.1", seeder.port())) {
        s.getOutputStream()
            .write(concat(handshake(meta.infoHash()), new byte[] {0, 0, 0, 13, 6, 0}));
        s.shutdownOutput();
        assertThat(readUntilEnd(s)).isTrue();
      }
      // an unrequested block from a peer with the fast extension
      ByteBuffer block = ByteBuffer.allocate(PeerWireEncoder.PIECE_HEADER_LENGTH + 16);
      PeerWireEncoder.encode(new PeerMessage.Piece(0, 0, ByteBuffer.wrap(new byte[16])), block);
      assertClosed(seeder, concat(handshake(meta.infoHash()), block.array()));

      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      awaitDone(t);
      assertSameFiles(seedDir, leechDir);
    }
  }

  @Test
  void aPeerThatAsksAndNeverReadsIsDropped() throws Exception {
    try (WebTorrent seeder = client(seedDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      try (Socket s = new Socket("127.0.0.1", seeder.port())) {
        s.setReceiveBufferSize(64 * 1024);
        java.io.OutputStream out = s.getOutputStream();
        ByteBuffer hs = ByteBuffer.allocate(Handshake.LENGTH);
        new Handshake(Handshake.EXTENSION_PROTOCOL, meta.infoHash(), PeerId.generate(new Random()))
            .writeTo(hs);
        out.write(hs.array());
        out.write(extended(0, "d1:md11:ut_metadatai3eee"));
        byte[] request = extended(1, "d8:msg_typei0e5:piecei0ee");
        byte[] many = new byte[request.length * 1000];
        for (int i = 0; i < 1000; i++) {
          System.arraycopy(request, 0, many, i * request.length, request.length);
        }
        boolean dropped = false;
        try {
          // each answer is the whole info dict; far more than socket buffers and our 4 MiB cap
          for (int i = 0; i < 200 && !dropped; i++) {
            out.write(many);
          }
        } catch (IOException e) {
          dropped = true;
        }
        assertThat(dropped || readUntilEnd(s)).as("the client dropped the connection").isTrue();
      }
      try (WebTorrent leecher = client(leechDir)) {
        awaitDone(leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build()));
      }
    }
  }

  private static byte[] extended(int id, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(6 + p.length);
    b.putInt(2 + p.length).put((byte) 20).put((byte) id).put(p);
    return b.array();
  }

  private static byte[] handshake(InfoHash hash) {
    ByteBuffer b = ByteBuffer.allocate(Handshake.LENGTH);
    new Handshake(Handshake.FAST_EXTENSION, hash, PeerId.generate(new Random())).writeTo(b);
    return b.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void assertClosed(WebTorrent seeder, byte[] send) throws IOException {
    try (Socket s = new Socket("127.0.0.1", seeder.port())) {
      s.getOutputStream().write(send);
      assertThat(readUntilEnd(s)).as("the client closed the connection").isTrue();
    }
  }

  /** Reads until the client closes (true) or nothing comes for 10 s (false). */
  private static boolean readUntilEnd(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    try {
      while (true) {
        if (in.read(buf) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the client
    }
  }
}
