package org.ilptorrent.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ilptorrent.stream.internal.Hmac;
import org.ilptorrent.verifier.Receipt;

/**
 * Receives STREAM payments for addresses it generated, and signs a STREAM receipt (RFC 39) for
 * every stream that receives money.
 *
 * <p>The address carries everything the receiver needs, the way the JS server does it: the last
 * segment is a token of 16 random bytes plus, when receipts are asked for, the receipt nonce and
 * secret sealed with a key derived from the server secret; the connection's shared secret is
 * HMAC-SHA256(server secret, token). Only totals per stream and recently fulfilled sequence numbers
 * are kept in memory, for at most {@code maxConnections} connections (the oldest are dropped).
 *
 * <p>Thread-safe: {@link #handle} may be called from many threads.
 */
public final class StreamReceiver {
  /** The connection details a sender needs (what SPSP hands out). */
  public record Connection(String destinationAccount, byte[] sharedSecret) {
    /** Copies the secret. */
    public Connection {
      sharedSecret = sharedSecret.clone();
    }

    @Override
    public byte[] sharedSecret() {
      return sharedSecret.clone();
    }
  }

  /** Hears money arriving; called on the thread that handled the Prepare, must not block. */
  @FunctionalInterface
  public interface MoneyListener {
    /**
     * Money arrived on a connection.
     *
     * @param connectionToken the address's last segment
     * @param amount the amount, in this receiver's units
     */
    void onMoney(String connectionToken, long amount);
  }

  private static final byte[] NO_RECEIPTS = new byte[0];
  private static final int RECENT_SEQUENCES = 1024;

  private final String prefix;
  private final byte[] serverSecret;
  private final byte[] tokenKey;
  private final Clock clock;
  private final MoneyListener listener;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, ConnectionState> connections;
  private final AssetDetails asset;

  private static final class ConnectionState {
    final Map<Long, Long> totals = new LinkedHashMap<>();
    final Map<Long, IlpPacket.Fulfill> fulfilled =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, IlpPacket.Fulfill> e) {
            return size() > RECENT_SEQUENCES;
          }
        };
  }

  /**
   * Creates a receiver.
   *
   * @param addressPrefix the ILP address its connections live under, such as {@code
   *     test.wallet.alice}
   * @param serverSecret 32 random bytes; connections survive a restart only with the same secret
   * @param maxConnections how many connections' totals are kept
   */
  public StreamReceiver(
      String addressPrefix,
      byte[] serverSecret,
      int maxConnections,
      Clock clock,
      MoneyListener listener) {
    this(addressPrefix, serverSecret, maxConnections, clock, listener, null);
  }

  /**
   * Creates a receiver that tells senders its asset: every STREAM reply it sends carries a {@code
   * ConnectionAssetDetails} frame, so a sender learns the asset from its first (probe) packet.
   *
   * @param asset the receiving account's asset; null to say nothing
   */
  public StreamReceiver(
      String addressPrefix,
      byte[] serverSecret,
      int maxConnections,
      Clock clock,
      MoneyListener listener,
      AssetDetails asset) {
    this.asset = asset;
    this.prefix = IlpPacket.IlpAddresses.check(addressPrefix);
    if (serverSecret == null || serverSecret.length != 32) {
      throw new IllegalArgumentException("the server secret must be 32 bytes");
    }
    this.serverSecret = serverSecret.clone();
    this.tokenKey = Hmac.sha256(serverSecret, "ilp_torrent_receipt_binding");
    this.clock = Objects.requireNonNull(clock);
    this.listener = listener == null ? (t, a) -> {} : listener;
    this.connections =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ConnectionState> e) {
            return size() > maxConnections;
          }
        };
  }

  /**
   * A new connection; with a receipt nonce and secret (from a verifier's SPSP proxy), every Fulfill
   * that carries money will carry a receipt signed with them.
   */
  public Connection newConnection(byte[] receiptNonce, byte[] receiptSecret) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    byte[] binding = NO_RECEIPTS;
    if (receiptNonce != null && receiptSecret != null) {
      if (receiptNonce.length != 16 || receiptSecret.length != 32) {
        throw new IllegalArgumentException("receipt nonce must be 16 bytes and secret 32 bytes");
      }
      byte[] plain = ByteBuffer.allocate(48).put(receiptNonce).put(receiptSecret).array();
      binding = StreamCrypto.encrypt(tokenKey, plain);
    }
    byte[] token = ByteBuffer.allocate(16 + binding.length).put(id).put(binding).array();
    String tokenText = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    return new Connection(prefix + "." + tokenText, sharedSecret(tokenText));
  }

  /** Answers a Prepare addressed to one of this receiver's connections. */
  public IlpPacket handle(IlpPacket.Prepare prepare) {
    return handle(prepare, amount -> true);
  }

  /**
   * Answers a Prepare, accepting its money only if {@code canAccept} allows the amount (a wallet
   * checks the payer's balance there); otherwise it is rejected {@code T04} and nothing is
   * credited. Probes and other unfulfillable Prepares are answered before the check.
   */
  public IlpPacket handle(IlpPacket.Prepare prepare, java.util.function.LongPredicate canAccept) {
    String destination = prepare.destination();
    if (!destination.startsWith(prefix + ".")) {
      return reject("F02", "unreachable");
    }
    String rest = destination.substring(prefix.length() + 1);
    String token = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    byte[] tokenBytes;
    try {
      tokenBytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return reject("F06", "unexpected payment");
    }
    if (tokenBytes.length != 16 && tokenBytes.length != 16 + 48 + 28) {
      return reject("F06", "unexpected payment");
    }
    byte[] secret = sharedSecret(token);
    StreamPacket request;
    try {
      request = StreamPacketCodec.decode(StreamCrypto.decrypt(secret, prepare.data()));
    } catch (InvalidStreamPacketException e) {
      return reject("F06", "unexpected payment");
    }
    if (request.type() != StreamPacket.PREPARE) {
      return reject("F99", "");
    }
    if (prepare.expiresAt().isBefore(clock.instant())) {
      return reject("R00", "expired");
    }
    byte[] fulfillment = StreamCrypto.fulfillment(secret, prepare.data());
    boolean fulfillable =
        MessageDigest.isEqual(StreamCrypto.condition(fulfillment), prepare.executionCondition());
    long amount = prepare.amount();
    if (!fulfillable || Long.compareUnsigned(amount, request.prepareAmount()) < 0) {
      // An exchange-rate probe, or less arrived than the sender asked for: tell it how much came.
      return streamReject(secret, request.sequence(), amount);
    }
    if (!canAccept.test(amount)) {
      return reject("T04", "insufficient liquidity");
    }
    byte[][] receiptBinding = tokenBytes.length == 16 ? null : receiptBinding(tokenBytes);
    IlpPacket.Fulfill answer;
    synchronized (connections) {
      ConnectionState state = connections.computeIfAbsent(token, t -> new ConnectionState());
      IlpPacket.Fulfill earlier = state.fulfilled.get(request.sequence());
      if (earlier != null) {
        return earlier; // a retransmission: answer again, credit nothing twice
      }
      List<StreamFrame> frames = new ArrayList<>(assetFrames());
      List<StreamFrame.StreamMoney> money = new ArrayList<>();
      long shares = 0;
      for (StreamFrame f : request.frames()) {
        if (f instanceof StreamFrame.StreamMoney m && m.shares() > 0) {
          money.add(m);
          shares += m.shares();
        }
      }
      long left = amount;
      for (int i = 0; i < money.size(); i++) {
        StreamFrame.StreamMoney m = money.get(i);
        long part =
            i == money.size() - 1
                ? left
                : java.math.BigInteger.valueOf(amount)
                    .multiply(java.math.BigInteger.valueOf(m.shares()))
                    .divide(java.math.BigInteger.valueOf(shares))
                    .longValue();
        left -= part;
        long total = state.totals.merge(m.streamId(), part, Long::sum);
        if (receiptBinding != null && m.streamId() >= 0 && m.streamId() <= 255) {
          Receipt receipt =
              Receipt.create(receiptBinding[0], (int) m.streamId(), total, receiptBinding[1]);
          frames.add(new StreamFrame.StreamReceipt(m.streamId(), receipt.toBytes()));
        }
      }
      byte[] reply =
          StreamCrypto.encrypt(
              secret,
              StreamPacketCodec.encode(
                  new StreamPacket(StreamPacket.FULFILL, request.sequence(), amount, frames)));
      answer = new IlpPacket.Fulfill(fulfillment, reply);
      state.fulfilled.put(request.sequence(), answer);
    }
    if (amount != 0) {
      listener.onMoney(token, amount);
    }
    return answer;
  }

  private byte[][] receiptBinding(byte[] tokenBytes) {
    byte[] sealed = java.util.Arrays.copyOfRange(tokenBytes, 16, tokenBytes.length);
    try {
      byte[] plain = StreamCrypto.decrypt(tokenKey, sealed);
      return new byte[][] {
        java.util.Arrays.copyOfRange(plain, 0, 16), java.util.Arrays.copyOfRange(plain, 16, 48)
      };
    } catch (InvalidStreamPacketException e) {
      return null;
    }
  }

  private IlpPacket.Reject streamReject(byte[] secret, long sequence, long amountArrived) {
    byte[] data =
        StreamCrypto.encrypt(
            secret,
            StreamPacketCodec.encode(
                new StreamPacket(StreamPacket.REJECT, sequence, amountArrived, assetFrames())));
    return new IlpPacket.Reject("F99", prefix, "", data);
  }

  private List<StreamFrame> assetFrames() {
    return asset == null
        ? List.of()
        : List.of(new StreamFrame.ConnectionAssetDetails(asset.assetCode(), asset.assetScale()));
  }

  private IlpPacket.Reject reject(String code, String message) {
    return new IlpPacket.Reject(code, prefix, message, new byte[0]);
  }

  private byte[] sharedSecret(String token) {
    return Hmac.sha256(serverSecret, token.getBytes(StandardCharsets.US_ASCII));
  }
}
