package org.ilptorrent.stream;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ilptorrent.verifier.Receipt;

/**
 * Pays a STREAM receiver until its receipts attest a target amount, one stream (id 1), one packet
 * at a time.
 *
 * <p>It probes the exchange rate with an unfulfillable Prepare, then sends money-carrying Prepares
 * whose size grows while they are fulfilled and shrinks on {@code T04}; an {@code F08} reply
 * teaches it the path's maximum packet amount. Temporary errors ({@code T..}) are retried, anything
 * else final stops the payment. It stops as soon as the latest receipt reaches the target, so it
 * overpays by less than one packet, and it never sends again after a Fulfill whose data it could
 * not open or whose fulfillment does not match.
 */
public final class StreamSender {
  private static final long STREAM_ID = 1;

  private final IlpLink link;
  private final Clock clock;
  private final Duration packetExpiry;
  private final Duration timeout;
  private final long initialPacketAmount;
  private final int maxRetries;

  /** A sender over {@code link}; see the other constructor for the defaults. */
  public StreamSender(IlpLink link) {
    this(link, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMinutes(2), 1000, 20);
  }

  /**
   * A sender.
   *
   * @param packetExpiry how long each Prepare lives (30 s)
   * @param timeout how long a whole payment may take (2 min)
   * @param initialPacketAmount the first packet's amount, in the sender's units (1000)
   * @param maxRetries temporary errors in a row before giving up (20)
   */
  public StreamSender(
      IlpLink link,
      Clock clock,
      Duration packetExpiry,
      Duration timeout,
      long initialPacketAmount,
      int maxRetries) {
    this.link = link;
    this.clock = clock;
    this.packetExpiry = packetExpiry;
    this.timeout = timeout;
    this.initialPacketAmount = initialPacketAmount;
    this.maxRetries = maxRetries;
  }

  /**
   * What a payment learns while it runs, told on the paying thread before the next packet leaves,
   * so that a listener can act on it (credit a receipt, refuse a receiver) before more money moves.
   * A listener that throws stops the payment with a {@link StreamPaymentException} that says how
   * far it got.
   */
  public interface Listener {
    /**
     * The receiver named its asset (a {@code ConnectionAssetDetails} frame). When the receiver
     * sends it in its reply to the exchange-rate probe, this comes before any money is sent.
     */
    default void onReceiverAsset(String assetCode, int assetScale) {}

    /**
     * A fulfilled packet carried a receipt.
     *
     * @param receipt the receipt bytes as sent (58 bytes for a well-formed one)
     * @param delivered the largest total the receipts attest so far, in the receiver's units
     * @param sent fulfilled so far, in the sender's units
     */
    default void onReceipt(byte[] receipt, long delivered, long sent) {}
  }

  private static final Listener NO_LISTENER = new Listener() {};

  /**
   * Pays until the receiver's receipts attest {@code target} (receiver's units), on a thread of its
   * own.
   */
  public CompletableFuture<PaymentResult> pay(
      String destination, byte[] sharedSecret, long target) {
    return pay(destination, sharedSecret, target, NO_LISTENER);
  }

  /**
   * {@link #pay(String, byte[], long)} for an amount as a licence holds it ({@code
   * License.amount()}), so a price needs no conversion by the caller.
   *
   * @throws IllegalArgumentException when {@code target} is negative, or above {@link #MAX_TARGET}:
   *     STREAM amounts are unsigned 64-bit, but this sender, like a receipt verifier's balance,
   *     counts in signed 64-bit integers
   */
  public CompletableFuture<PaymentResult> pay(
      String destination, byte[] sharedSecret, BigInteger target) {
    return pay(destination, sharedSecret, target(target), NO_LISTENER);
  }

  /** {@link #pay(String, byte[], BigInteger)}, telling {@code listener} what happens. */
  public CompletableFuture<PaymentResult> pay(
      String destination, byte[] sharedSecret, BigInteger target, Listener listener) {
    return pay(destination, sharedSecret, target(target), listener);
  }

  /** The largest amount one payment can target: 2<sup>63</sup>-1 in the receiver's units. */
  public static final BigInteger MAX_TARGET = BigInteger.valueOf(Long.MAX_VALUE);

  private static long target(BigInteger target) {
    java.util.Objects.requireNonNull(target, "target");
    if (target.signum() < 0) {
      throw new IllegalArgumentException("a payment target must not be negative: " + target);
    }
    if (target.compareTo(MAX_TARGET) > 0) {
      throw new IllegalArgumentException(
          "a payment target of "
              + target
              + " is above "
              + MAX_TARGET
              + ", the most one payment can count (2^63-1: receipt totals are uint64, balances"
              + " signed 64-bit)");
    }
    return target.longValueExact();
  }

  /**
   * Sends one unfulfillable probe (no money moves) and returns the asset the receiver names in its
   * {@code ConnectionAssetDetails} frame; empty when its reply names none or cannot be read.
   */
  public CompletableFuture<java.util.Optional<AssetDetails>> receiverAsset(
      String destination, byte[] sharedSecret) {
    byte[] secret = sharedSecret.clone();
    return CompletableFuture.supplyAsync(
        () -> {
          Instant deadline = clock.instant().plus(packetExpiry);
          Reply reply =
              send(destination, secret, 1, Math.max(1, initialPacketAmount), false, deadline, 0, 0);
          return assetOf(reply.frames());
        });
  }

  private static java.util.Optional<AssetDetails> assetOf(List<StreamFrame> frames) {
    for (StreamFrame f : frames) {
      if (f instanceof StreamFrame.ConnectionAssetDetails d) {
        try {
          return java.util.Optional.of(new AssetDetails(d.sourceAssetCode(), d.sourceAssetScale()));
        } catch (IllegalArgumentException e) {
          return java.util.Optional.empty();
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** {@link #pay(String, byte[], long)}, telling {@code listener} what happens as it happens. */
  public CompletableFuture<PaymentResult> pay(
      String destination, byte[] sharedSecret, long target, Listener listener) {
    byte[] secret = sharedSecret.clone();
    return CompletableFuture.supplyAsync(() -> payBlocking(destination, secret, target, listener));
  }

  /**
   * {@link #pay(String, byte[], long, Listener)} on the calling thread.
   *
   * @throws StreamPaymentException when the payment stops before reaching {@code target}
   */
  public PaymentResult payNow(
      String destination, byte[] sharedSecret, long target, Listener listener) {
    return payBlocking(destination, sharedSecret.clone(), target, listener);
  }

  private PaymentResult payBlocking(
      String destination, byte[] secret, long target, Listener listener) {
    Instant deadline = clock.instant().plus(timeout);
    long sequence = 1;
    long sent = 0;
    long delivered = 0;
    int packets = 0;
    int retries = 0;
    long packetAmount = Math.max(1, initialPacketAmount);
    long maxPacket = Long.MAX_VALUE;
    Map<Long, byte[]> receipts = new HashMap<>();

    // Probe: how much of initialPacketAmount arrives (rate in parts per million of source units).
    Reply probe =
        send(destination, secret, sequence++, packetAmount, false, deadline, sent, delivered);
    assetDetails(probe, listener, sent, delivered);
    double rate = probe.arrived() < 0 ? 1.0 : (double) probe.arrived() / packetAmount;
    if (probe.packet() instanceof IlpPacket.Reject r && r.code().equals("F08")) {
      maxPacket = f08Maximum(r, packetAmount);
      packetAmount = Math.max(1, Math.min(packetAmount, maxPacket));
    }
    while (delivered < target) {
      if (clock.instant().isAfter(deadline)) {
        throw new StreamPaymentException("payment timed out", sent, delivered);
      }
      long remaining = target - delivered;
      long needed = rate > 0 ? (long) Math.ceil(remaining / rate) : remaining;
      long amount = Math.max(1, Math.min(Math.min(packetAmount, maxPacket), needed));
      Reply reply = send(destination, secret, sequence++, amount, true, deadline, sent, delivered);
      if (reply.packet() instanceof IlpPacket.Fulfill) {
        sent += amount;
        packets++;
        retries = 0;
        assetDetails(reply, listener, sent, delivered);
        for (StreamFrame f : reply.frames()) {
          if (f instanceof StreamFrame.StreamReceipt r && r.streamId() == STREAM_ID) {
            receipts.put(r.streamId(), r.receipt());
            delivered = Math.max(delivered, receiptTotal(r.receipt(), sent, delivered));
            long soFar = delivered;
            long paid = sent;
            tell(listener, l -> l.onReceipt(r.receipt(), soFar, paid), sent, delivered);
          }
        }
        if (reply.arrived() >= 0 && amount > 0) {
          rate = (double) reply.arrived() / amount;
        }
        if (receipts.isEmpty()) {
          // A receiver that sends no receipts: count what its replies say arrived.
          delivered += Math.max(0, reply.arrived());
        }
        packetAmount =
            Math.min(
                maxPacket, packetAmount > Long.MAX_VALUE / 2 ? packetAmount : packetAmount * 2);
        continue;
      }
      IlpPacket.Reject reject = (IlpPacket.Reject) reply.packet();
      if (reject.code().equals("F08")) {
        maxPacket = f08Maximum(reject, amount);
        packetAmount = Math.max(1, Math.min(packetAmount, maxPacket));
      } else if (reject.code().startsWith("T")) {
        if (++retries > maxRetries) {
          throw new StreamPaymentException(
              "gave up after " + maxRetries + " temporary errors (" + reject.code() + ")",
              sent,
              delivered,
              reject.code());
        }
        packetAmount = Math.max(1, packetAmount / 2);
        sleep(Math.min(1000, 10L << Math.min(retries, 6)));
      } else {
        throw new StreamPaymentException(
            "the payment was rejected: " + reject.code() + " " + reject.message(),
            sent,
            delivered,
            reject.code());
      }
    }
    return new PaymentResult(delivered, sent, packets, receipts);
  }

  private static void assetDetails(Reply reply, Listener listener, long sent, long delivered) {
    for (StreamFrame f : reply.frames()) {
      if (f instanceof StreamFrame.ConnectionAssetDetails d) {
        tell(
            listener,
            l -> l.onReceiverAsset(d.sourceAssetCode(), d.sourceAssetScale()),
            sent,
            delivered);
      }
    }
  }

  private static void tell(
      Listener listener, java.util.function.Consumer<Listener> call, long sent, long delivered) {
    try {
      call.accept(listener);
    } catch (StreamPaymentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StreamPaymentException(String.valueOf(e.getMessage()), sent, delivered, "", e);
    }
  }

  /** A reply and what it says arrived (-1 when it says nothing). */
  private record Reply(IlpPacket packet, long arrived, List<StreamFrame> frames) {}

  private Reply send(
      String destination,
      byte[] secret,
      long sequence,
      long amount,
      boolean fulfillable,
      Instant deadline,
      long sent,
      long delivered) {
    List<StreamFrame> frames = List.of(new StreamFrame.StreamMoney(STREAM_ID, 1));
    byte[] data =
        StreamCrypto.encrypt(
            secret,
            StreamPacketCodec.encode(new StreamPacket(StreamPacket.PREPARE, sequence, 0, frames)));
    byte[] fulfillment = StreamCrypto.fulfillment(secret, data);
    byte[] condition =
        fulfillable ? StreamCrypto.condition(fulfillment) : StreamCrypto.condition(new byte[32]);
    IlpPacket.Prepare prepare =
        new IlpPacket.Prepare(
            amount, clock.instant().plus(packetExpiry), condition, destination, data);
    IlpPacket answer;
    try {
      long waitMillis = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
      answer = link.send(prepare).get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StreamPaymentException("no answer before the payment's deadline", sent, delivered);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamPaymentException("interrupted", sent, delivered);
    } catch (ExecutionException e) {
      // The link failed: nothing is known to have been paid; try again as a temporary error.
      return new Reply(new IlpPacket.Reject("T00", "", "link failed", new byte[0]), -1, List.of());
    }
    if (answer instanceof IlpPacket.Fulfill f) {
      if (!MessageDigest.isEqual(StreamCrypto.condition(f.fulfillment()), condition)) {
        throw new StreamPaymentException("a Fulfill did not match its condition", sent, delivered);
      }
      StreamPacket reply;
      try {
        reply = StreamPacketCodec.decode(StreamCrypto.decrypt(secret, f.data()));
      } catch (InvalidStreamPacketException e) {
        // The money moved but nothing says how much arrived: stop rather than risk overpaying.
        throw new StreamPaymentException(
            "could not read the receiver's reply to a fulfilled packet", sent + amount, delivered);
      }
      return new Reply(f, reply.prepareAmount(), reply.frames());
    }
    IlpPacket.Reject r = (IlpPacket.Reject) answer;
    long arrived = -1;
    List<StreamFrame> rejectFrames = List.of();
    if (r.data().length > 0) {
      try {
        StreamPacket reply = StreamPacketCodec.decode(StreamCrypto.decrypt(secret, r.data()));
        arrived = reply.prepareAmount();
        rejectFrames = reply.frames();
      } catch (InvalidStreamPacketException e) {
        arrived = -1; // from a connector, not the receiver
      }
    }
    return new Reply(r, arrived, rejectFrames);
  }

  /** RFC 27's F08 data: amount received and maximum, 8 bytes each; scaled to source units. */
  private static long f08Maximum(IlpPacket.Reject reject, long amountSent) {
    byte[] data = reject.data();
    if (data.length < 16) {
      return Math.max(1, amountSent / 2);
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    long received = b.getLong();
    long maximum = b.getLong();
    if (received <= 0 || maximum <= 0) {
      return Math.max(1, amountSent / 2);
    }
    return Math.max(1, (long) ((double) amountSent * maximum / received));
  }

  private static long receiptTotal(byte[] receipt, long sent, long delivered) {
    try {
      return Receipt.decode(receipt).totalReceivedBits();
    } catch (IllegalArgumentException e) {
      throw new StreamPaymentException("the receiver sent a malformed receipt", sent, delivered);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
