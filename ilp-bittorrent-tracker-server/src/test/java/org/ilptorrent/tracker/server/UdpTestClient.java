package org.ilptorrent.tracker.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A BEP 15 client for tests: raw datagrams to the tracker, answers as hex. Written from the BEP,
 * independently of the tracker's codec, so the two check each other.
 */
final class UdpTestClient implements AutoCloseable {
  static final String PROTOCOL_ID = "0000041727101980";
  private static final HexFormat HEX = HexFormat.of();

  private final DatagramSocket socket;
  private final InetSocketAddress tracker;

  UdpTestClient(URI udpAnnounce) throws IOException {
    this(udpAnnounce, new InetSocketAddress(udpAnnounce.getHost(), 0));
  }

  UdpTestClient(URI udpAnnounce, InetSocketAddress local) throws IOException {
    this.tracker = new InetSocketAddress(udpAnnounce.getHost(), udpAnnounce.getPort());
    this.socket = new DatagramSocket(local);
    // A bound on a lost answer, not a timing assertion: every test expects an answer.
    socket.setSoTimeout(10_000);
  }

  int localPort() {
    return socket.getLocalPort();
  }

  void send(String hex) throws IOException {
    send(HEX.parseHex(hex));
  }

  void send(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, tracker));
  }

  /** The next datagram from the tracker, as hex. */
  String receive() throws IOException {
    byte[] buffer = new byte[4096];
    while (true) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      socket.receive(p);
      if (p.getSocketAddress().equals(tracker)) {
        return HEX.formatHex(Arrays.copyOf(p.getData(), p.getLength()));
      }
    }
  }

  String request(String hex) throws IOException {
    send(hex);
    return receive();
  }

  /** Connects with transaction id {@code tx} (8 hex digits) and returns the connection id (hex). */
  String connect(String tx) throws IOException {
    String answer = request(PROTOCOL_ID + "00000000" + tx);
    if (!answer.startsWith("00000000" + tx) || answer.length() != 32) {
      throw new IOException("unexpected connect answer " + answer);
    }
    return answer.substring(16);
  }

  /** An announce request (98 bytes) as hex. */
  static String announce(
      String connectionId,
      String tx,
      String infoHash,
      String peerId,
      long left,
      int event,
      int numWant,
      int port) {
    return connectionId
        + "00000001" // action: announce
        + tx
        + infoHash
        + peerId
        + "0000000000000000" // downloaded
        + String.format("%016x", left)
        + "0000000000000000" // uploaded
        + String.format("%08x", event)
        + "00000000" // ip: the sender's
        + "00000000" // key
        + String.format("%08x", numWant)
        + String.format("%04x", port);
  }

  static String hex(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return HEX.formatHex(out);
  }

  static String ascii(String text) {
    return HEX.formatHex(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public void close() {
    socket.close();
  }
}
