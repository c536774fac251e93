package org.ilptorrent.tracker.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The UDP tracker protocol (BEP 15) as pure functions, with BEP 41's URL data option to carry the
 * announce URL's path and query (and {@code requestId} / {@code seeder_token}) to trackers that
 * read it. All integers are big-endian.
 */
public final class UdpCodec {
  /** The magic constant of a connect request. */
  public static final long PROTOCOL_ID = 0x41727101980L;

  public static final int CONNECT = 0;
  public static final int ANNOUNCE = 1;
  public static final int SCRAPE = 2;
  public static final int ERROR = 3;

  /** The size of an announce request without options. */
  public static final int ANNOUNCE_LENGTH = 98;

  private static final int URL_DATA = 2;

  /** {@code action | transaction_id}: every reply starts with it. */
  private static final int HEADER_LENGTH = 8;

  private UdpCodec() {}

  /** {@code protocol_id (8) | action 0 (4) | transaction_id (4)}. */
  public static byte[] connect(int transactionId) {
    return ByteBuffer.allocate(16)
        .putLong(PROTOCOL_ID)
        .putInt(CONNECT)
        .putInt(transactionId)
        .array();
  }

  /**
   * {@code connection_id (8) | action 1 | transaction_id | info_hash (20) | peer_id (20) |
   * downloaded (8) | left (8) | uploaded (8) | event (4) | ip 0 (4) | key (4) | num_want (4) | port
   * (2)}, then URL data options when {@code urlData} is not empty.
   */
  public static byte[] announce(
      long connectionId, int transactionId, AnnounceRequest r, int key, String urlData) {
    ByteBuffer b = ByteBuffer.allocate(ANNOUNCE_LENGTH);
    b.putLong(connectionId).putInt(ANNOUNCE).putInt(transactionId);
    b.put(r.infoHash().toBytes()).put(r.peerId().toBytes());
    b.putLong(r.stats().downloaded()).putLong(r.stats().left()).putLong(r.stats().uploaded());
    b.putInt(r.event().udpCode()).putInt(0).putInt(key).putInt(r.numwant());
    b.putShort((short) r.port());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(b.array());
    byte[] data = urlData.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at < data.length; at += 255) {
      int n = Math.min(255, data.length - at);
      out.write(URL_DATA);
      out.write(n);
      out.write(data, at, n);
    }
    return out.toByteArray();
  }

  /** {@code connection_id | action 2 | transaction_id | info_hash (20)}. */
  public static byte[] scrape(long connectionId, int transactionId, byte[] infoHash) {
    return ByteBuffer.allocate(36)
        .putLong(connectionId)
        .putInt(SCRAPE)
        .putInt(transactionId)
        .put(infoHash)
        .array();
  }

  /**
   * The URL data for BEP 41: the path and query of the announce URL, plus the credentials. Empty
   * when there is nothing beyond a bare path.
   */
  public static String urlData(String path, String query, AnnounceRequest r) {
    StringBuilder q = new StringBuilder(query == null ? "" : query);
    if (r.balanceId() != null) {
      q.append(q.length() == 0 ? "" : "&").append("requestId=");
      q.append(HttpCodec.escape(r.balanceId().getBytes(StandardCharsets.UTF_8)));
    }
    if (r.seederToken() != null) {
      q.append(q.length() == 0 ? "" : "&").append("seeder_token=");
      q.append(HttpCodec.escape(r.seederToken().getBytes(StandardCharsets.UTF_8)));
    }
    String p = path == null || path.equals("/") ? "" : path;
    if (p.isEmpty() && q.length() == 0) {
      return "";
    }
    return (p.isEmpty() ? "/" : p) + (q.length() == 0 ? "" : "?" + q);
  }

  /** The action of a reply of at least 8 bytes. */
  public static int action(byte[] reply) {
    return ByteBuffer.wrap(reply).getInt(0);
  }

  /** The transaction id of a reply of at least 8 bytes. */
  public static int transactionId(byte[] reply) {
    return ByteBuffer.wrap(reply).getInt(4);
  }

  /**
   * The connection id of a connect reply: {@code action 0 | transaction_id | connection_id (8)}.
   *
   * @throws UdpTrackerRefusal for an error reply or the header alone
   * @throws IllegalArgumentException for a truncated reply or one with another action
   */
  public static long connectionId(byte[] reply) {
    expect(reply, CONNECT, 16);
    return ByteBuffer.wrap(reply).getLong(8);
  }

  /**
   * An announce reply: {@code action 1 | transaction_id | interval | leechers | seeders} and 6-byte
   * (18 for IPv6) peers.
   *
   * @throws UdpTrackerRefusal for an error reply or the header alone
   * @throws IllegalArgumentException for a malformed reply
   */
  public static AnnounceReply.Accepted announced(byte[] reply, boolean ipv6) {
    expect(reply, ANNOUNCE, 20);
    ByteBuffer b = ByteBuffer.wrap(reply);
    long interval = b.getInt(8) & 0xFFFFFFFFL;
    int leechers = nonNegative(b.getInt(12));
    int seeders = nonNegative(b.getInt(16));
    return new AnnounceReply.Accepted(
        Duration.ofSeconds(interval),
        null,
        seeders,
        leechers,
        CompactPeers.decode(reply, 20, reply.length - 20, ipv6 ? 16 : 4),
        null,
        null);
  }

  /**
   * A scrape reply for one torrent: {@code action 2 | transaction_id | seeders | completed |
   * leechers}.
   *
   * @throws UdpTrackerRefusal for an error reply or the header alone
   * @throws IllegalArgumentException for a truncated reply or one with another action
   */
  public static ScrapeCounts scraped(byte[] reply) {
    expect(reply, SCRAPE, 20);
    ByteBuffer b = ByteBuffer.wrap(reply);
    return new ScrapeCounts(
        nonNegative(b.getInt(8)), nonNegative(b.getInt(16)), nonNegative(b.getInt(12)));
  }

  /**
   * Checks a reply's action and length. An error reply, or a reply of the 8-byte header alone
   * (opentracker's answer to an announce of a torrent it does not serve), is the tracker's refusal;
   * a reply with another action, or longer than the header but shorter than {@code length}, is
   * malformed.
   */
  private static void expect(byte[] reply, int action, int length) {
    int got = action(reply);
    if (got == ERROR) {
      throw new UdpTrackerRefusal(message(reply));
    }
    if (got != action) {
      throw new IllegalArgumentException("reply has action " + got + ", expected " + action);
    }
    if (reply.length == HEADER_LENGTH) {
      throw new UdpTrackerRefusal("");
    }
    if (reply.length < length) {
      throw new IllegalArgumentException(
          "truncated reply: " + reply.length + " bytes, expected at least " + length);
    }
  }

  /** The message of an error reply, without the NULs some trackers end it with. */
  private static String message(byte[] reply) {
    int end = reply.length;
    while (end > HEADER_LENGTH && reply[end - 1] == 0) {
      end--;
    }
    return new String(reply, HEADER_LENGTH, end - HEADER_LENGTH, StandardCharsets.UTF_8);
  }

  private static int nonNegative(int v) {
    return Math.max(0, v);
  }
}
