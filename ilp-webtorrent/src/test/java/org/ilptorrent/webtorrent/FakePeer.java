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
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;

/**
 * A peer built from the wire codec with blocking sockets, for tests: it claims every piece,
 * unchokes, and answers each request with a block of random bytes (corrupt data).
 */
final class FakePeer implements AutoCloseable {
  private final ServerSocket server;
  private final InfoHash infoHash;
  private final Thread thread;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();

  FakePeer(InfoHash infoHash) throws IOException {
    this.infoHash = infoHash;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    this.thread = new Thread(this::run, "fake-peer");
    thread.setDaemon(true);
    thread.start();
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
    PeerWireEncoder.encode(PeerMessage.HaveAll.INSTANCE, hs);
    PeerWireEncoder.encode(PeerMessage.Unchoke.INSTANCE, hs);
    out.write(hs.array(), 0, hs.position());
    PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.beforeMetadata());
    Random random = new Random(1);
    byte[] chunk = new byte[4096];
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
              random.nextBytes(junk);
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
