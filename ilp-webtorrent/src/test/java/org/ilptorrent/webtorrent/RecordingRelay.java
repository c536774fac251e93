package org.ilptorrent.webtorrent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a peer that records the first bytes of each connection in
 * both directions, so a test can see what went over the wire (plaintext handshake or not).
 */
final class RecordingRelay implements AutoCloseable {
  private static final int RECORDED = 256 * 1024;
  private static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

  /** One relayed connection: what the dialler sent, and what it got back. */
  record Connection(ByteArrayOutputStream sent, ByteArrayOutputStream received) {
    /** Whether the dialler opened with a plaintext BitTorrent handshake. */
    boolean openedPlaintext() {
      byte[] b = snapshot(sent);
      // the handshake's first 20 bytes; an MSE opening is a random key that may start with 19
      return b.length > PROTOCOL.length
          && b[0] == 19
          && Arrays.equals(b, 1, PROTOCOL.length + 1, PROTOCOL, 0, PROTOCOL.length);
    }

    /** Whether "BitTorrent protocol" appears anywhere in either direction. */
    boolean showsProtocolString() {
      return contains(snapshot(sent), PROTOCOL) || contains(snapshot(received), PROTOCOL);
    }
  }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  RecordingRelay(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "relay-accept");
    t.setDaemon(true);
    t.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  List<Connection> connections() {
    return List.copyOf(connections);
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket in = server.accept();
        Socket out = new Socket(target.getAddress(), target.getPort());
        sockets.add(in);
        sockets.add(out);
        Connection c = new Connection(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        connections.add(c);
        pump(in, out, c.sent());
        pump(out, in, c.received());
      }
    } catch (IOException e) {
      // closed
    }
  }

  private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[64 * 1024];
              try (InputStream is = from.getInputStream();
                  OutputStream os = to.getOutputStream()) {
                int n;
                while ((n = is.read(buf)) >= 0) {
                  synchronized (record) {
                    int keep = Math.min(n, RECORDED - record.size());
                    if (keep > 0) {
                      record.write(buf, 0, keep);
                    }
                  }
                  os.write(buf, 0, n);
                }
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static byte[] snapshot(ByteArrayOutputStream record) {
    synchronized (record) {
      return record.toByteArray();
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
