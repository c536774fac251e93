package org.ilptorrent.webtorrent;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;

/**
 * A peer built from the wire codec with blocking sockets, for tests. By default it claims every
 * piece, unchokes, and answers each request with a block of random bytes (corrupt data). {@link
 * #lateBitfield} makes it an honest seed that, like aria2, first says it has nothing and sends its
 * full bitfield only in the middle of the connection.
 */
final class FakePeer implements AutoCloseable {
  private final ServerSocket server;
  private final InfoHash infoHash;
  private final Thread thread;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();

  private final byte[] content;
  private final int pieceLength;
  private final int pieceCount;

  FakePeer(InfoHash infoHash) throws IOException {
    this(infoHash, null, 0, 0);
  }

  private FakePeer(InfoHash infoHash, byte[] content, int pieceLength, int pieceCount)
      throws IOException {
    this.infoHash = infoHash;
    this.content = content;
    this.pieceLength = pieceLength;
    this.pieceCount = pieceCount;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    this.thread = new Thread(this::run, "fake-peer");
    thread.setDaemon(true);
    thread.start();
  }

  /** An honest seed of {@code content} that announces its pieces late, with a bitfield. */
  static FakePeer lateBitfield(TorrentInfo torrent, byte[] content) throws IOException {
    return new FakePeer(torrent.infoHash(), content, torrent.pieceLength(), torrent.pieceCount());
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  private void run() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        connections.incrementAndGet();
        serve(s);
      } catch (IOException e) {
        // the client closed the connection (it banned us) or the test closed the server
      }
    }
  }

  private void serve(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    OutputStream out = s.getOutputStream();
    byte[] theirs = new byte[Handshake.LENGTH];
    in.readFully(theirs);
    ByteBuffer hs = ByteBuffer.allocate(Handshake.LENGTH + 5 + 5);
    new Handshake(Handshake.FAST_EXTENSION, infoHash, PeerId.generate(new Random())).writeTo(hs);
    PeerWireEncoder.encode(
        content == null ? PeerMessage.HaveAll.INSTANCE : PeerMessage.HaveNone.INSTANCE, hs);
    PeerWireEncoder.encode(PeerMessage.Unchoke.INSTANCE, hs);
    out.write(hs.array(), 0, hs.position());
    PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.beforeMetadata());
    Random random = new Random(1);
    byte[] chunk = new byte[4096];
    if (content != null) {
      // what aria2 does: a bitfield after other messages
      java.util.BitSet all = new java.util.BitSet();
      all.set(0, pieceCount);
      ByteBuffer bf = ByteBuffer.allocate(5 + (pieceCount + 7) / 8);
      PeerWireEncoder.encode(
          new PeerMessage.Bitfield(
              org.ilptorrent.webtorrent.internal.wire.Bitfields.toBytes(all, pieceCount)),
          bf);
      out.write(bf.array());
    }
    while (true) {
      int n = in.read(chunk);
      if (n < 0) {
        return;
      }
      decoder.feed(
          ByteBuffer.wrap(chunk, 0, n),
          m -> {
            if (m instanceof PeerMessage.Request r) {
              requests.incrementAndGet();
              byte[] junk = new byte[r.length()];
              if (content == null) {
                random.nextBytes(junk);
              } else {
                System.arraycopy(
                    content, r.piece() * pieceLength + r.begin(), junk, 0, junk.length);
              }
              ByteBuffer piece =
                  ByteBuffer.allocate(PeerWireEncoder.PIECE_HEADER_LENGTH + junk.length);
              PeerWireEncoder.encode(
                  new PeerMessage.Piece(r.piece(), r.begin(), ByteBuffer.wrap(junk)), piece);
              out.write(Arrays.copyOf(piece.array(), piece.position()));
            }
          });
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    thread.join(5000);
  }
}
