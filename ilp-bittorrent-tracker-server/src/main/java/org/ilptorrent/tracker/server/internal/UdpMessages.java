package org.ilptorrent.tracker.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The UDP tracker protocol's messages (BEP 15), decoded from and encoded to datagrams. Pure: no
 * I/O, no clock. All integers are big-endian.
 *
 * <pre>
 * connect   request  protocol_id u64 = 0x41727101980 | action u32 = 0 | transaction_id u32   (16)
 *           response action u32 = 0 | transaction_id u32 | connection_id u64                  (16)
 * announce  request  connection_id u64 | action u32 = 1 | transaction_id u32 | info_hash 20 |
 *                    peer_id 20 | downloaded u64 | left u64 | uploaded u64 | event u32 |
 *                    ip u32 | key u32 | num_want i32 | port u16                               (98)
 *                    then BEP 41 option bytes, which are ignored
 *           response action u32 = 1 | transaction_id u32 | interval u32 | leechers u32 |
 *                    seeders u32 | (ip 4 or 16 | port u16)*                             (20 + 6n/18n)
 * scrape    request  connection_id u64 | action u32 = 2 | transaction_id u32 | info_hash 20 * n
 *           response action u32 = 2 | transaction_id u32 | (seeders, completed, leechers u32)*
 * error     response action u32 = 3 | transaction_id u32 | message (ASCII, no terminator)
 * </pre>
 */
public final class UdpMessages {
  /** The magic constant that starts a connect request. */
  public static final long PROTOCOL_ID = 0x41727101980L;

  public static final int ACTION_CONNECT = 0;
  public static final int ACTION_ANNOUNCE = 1;
  public static final int ACTION_SCRAPE = 2;
  public static final int ACTION_ERROR = 3;

  /** Bytes of every request's header: a 64-bit id, the action and the transaction id. */
  public static final int HEADER_BYTES = 16;

  /** Bytes of an announce request without BEP 41 options. */
  public static final int ANNOUNCE_BYTES = 98;

  /** The most info hashes one scrape may ask: the answer then still fits in one small datagram. */
  public static final int MAX_SCRAPE_HASHES = 74;

  private UdpMessages() {}

  /** A decoded request. */
  public sealed interface Request permits Connect, Announce, Scrape {
    int transactionId();
  }

  /** A connect request. */
  public record Connect(int transactionId) implements Request {}

  /**
   * An announce request. {@code event} is 0 none, 1 completed, 2 started, 3 stopped; {@code
   * numWant} is signed (-1: the default); {@code port} is 0..65535. The {@code ip} and {@code key}
   * fields are decoded but a tracker need not trust them.
   */
  public record Announce(
      long connectionId,
      int transactionId,
      byte[] infoHash,
      byte[] peerId,
      long downloaded,
      long left,
      long uploaded,
      int event,
      int ip,
      int key,
      int numWant,
      int port)
      implements Request {}

  /** A scrape request for up to {@link #MAX_SCRAPE_HASHES} info hashes. */
  public record Scrape(long connectionId, int transactionId, List<byte[]> infoHashes)
      implements Request {
    public Scrape {
      infoHashes = List.copyOf(infoHashes);
    }
  }

  /**
   * A request that cannot be served. {@code transactionId} is what the error answer must carry; the
   * message is one of a few fixed texts and never contains request bytes.
   */
  public static final class MalformedRequest extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int transactionId;

    MalformedRequest(int transactionId, String message) {
      super(message);
      this.transactionId = transactionId;
    }

    public int transactionId() {
      return transactionId;
    }
  }

  /**
   * Decodes one datagram.
   *
   * @return the request, or empty when the datagram is shorter than the 16-byte header (it then has
   *     no transaction id to answer with)
   * @throws MalformedRequest when the header is there but the rest is not a valid request
   */
  public static Optional<Request> parse(ByteBuffer datagram) {
    ByteBuffer in = datagram.slice();
    if (in.remaining() < HEADER_BYTES) {
      return Optional.empty();
    }
    long id = in.getLong(0);
    int action = in.getInt(8);
    int transactionId = in.getInt(12);
    switch (action) {
      case ACTION_CONNECT:
        if (id != PROTOCOL_ID) {
          throw new MalformedRequest(transactionId, "invalid protocol id");
        }
        return Optional.of(new Connect(transactionId));
      case ACTION_ANNOUNCE:
        return Optional.of(announce(in, id, transactionId));
      case ACTION_SCRAPE:
        return Optional.of(scrape(in, id, transactionId));
      default:
        throw new MalformedRequest(transactionId, "invalid action");
    }
  }

  private static Announce announce(ByteBuffer in, long connectionId, int transactionId) {
    if (in.remaining() < ANNOUNCE_BYTES) {
      throw new MalformedRequest(transactionId, "malformed announce");
    }
    in.position(HEADER_BYTES);
    byte[] infoHash = new byte[20];
    byte[] peerId = new byte[20];
    in.get(infoHash).get(peerId);
    long downloaded = in.getLong();
    long left = in.getLong();
    long uploaded = in.getLong();
    int event = in.getInt();
    int ip = in.getInt();
    int key = in.getInt();
    int numWant = in.getInt();
    int port = Short.toUnsignedInt(in.getShort());
    return new Announce(
        connectionId,
        transactionId,
        infoHash,
        peerId,
        downloaded,
        left,
        uploaded,
        event,
        ip,
        key,
        numWant,
        port);
  }

  private static Scrape scrape(ByteBuffer in, long connectionId, int transactionId) {
    int body = in.remaining() - HEADER_BYTES;
    if (body % 20 != 0) {
      throw new MalformedRequest(transactionId, "malformed scrape");
    }
    if (body / 20 > MAX_SCRAPE_HASHES) {
      throw new MalformedRequest(transactionId, "too many info hashes");
    }
    in.position(HEADER_BYTES);
    List<byte[]> hashes = new ArrayList<>(body / 20);
    while (in.hasRemaining()) {
      byte[] hash = new byte[20];
      in.get(hash);
      hashes.add(hash);
    }
    return new Scrape(connectionId, transactionId, hashes);
  }

  /** The answer to a connect. */
  public static ByteBuffer connected(int transactionId, long connectionId) {
    return ByteBuffer.allocate(16)
        .putInt(ACTION_CONNECT)
        .putInt(transactionId)
        .putLong(connectionId)
        .flip();
  }

  /**
   * The answer to an announce; every address has the same length (4 for an IPv4 client, 16 for an
   * IPv6 one), with its port at the same index.
   */
  public static ByteBuffer announced(
      int transactionId,
      int intervalSeconds,
      int leechers,
      int seeders,
      List<byte[]> addresses,
      List<Integer> ports) {
    int size = 20;
    for (byte[] a : addresses) {
      size += a.length + 2;
    }
    ByteBuffer out =
        ByteBuffer.allocate(size)
            .putInt(ACTION_ANNOUNCE)
            .putInt(transactionId)
            .putInt(intervalSeconds)
            .putInt(leechers)
            .putInt(seeders);
    for (int i = 0; i < addresses.size(); i++) {
      out.put(addresses.get(i)).putShort((short) (int) ports.get(i));
    }
    return out.flip();
  }

  /** The answer to a scrape: per info hash, in order, {seeders, completed, leechers}. */
  public static ByteBuffer scraped(int transactionId, List<int[]> counts) {
    ByteBuffer out =
        ByteBuffer.allocate(8 + 12 * counts.size()).putInt(ACTION_SCRAPE).putInt(transactionId);
    for (int[] c : counts) {
      out.putInt(c[0]).putInt(c[1]).putInt(c[2]);
    }
    return out.flip();
  }

  /** An error answer with a fixed ASCII message. */
  public static ByteBuffer error(int transactionId, String message) {
    byte[] text = message.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(8 + text.length)
        .putInt(ACTION_ERROR)
        .putInt(transactionId)
        .put(text)
        .flip();
  }
}
