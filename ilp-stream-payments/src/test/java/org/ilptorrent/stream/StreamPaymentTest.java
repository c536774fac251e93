package org.ilptorrent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ilptorrent.verifier.Receipt;
import org.junit.jupiter.api.Test;

/** Our sender paying our receiver over an in-process link. */
class StreamPaymentTest {
  private static final byte[] SERVER_SECRET = new byte[32];
  private static final byte[] RECEIPT_NONCE = new byte[16];
  private static final byte[] RECEIPT_SECRET = Receipt.secret(new byte[32], RECEIPT_NONCE);

  private final AtomicLong credited = new AtomicLong();
  private final StreamReceiver receiver =
      new StreamReceiver(
          "test.wallet.alice",
          SERVER_SECRET,
          1000,
          Clock.systemUTC(),
          (t, a) -> credited.addAndGet(a));

  private StreamSender sender(IlpLink link) {
    return new StreamSender(
        link, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofSeconds(30), 1000, 5);
  }

  private IlpLink direct() {
    return prepare -> CompletableFuture.completedFuture(receiver.handle(prepare));
  }

  @Test
  void paysUntilTheReceiptsReachTheTarget() {
    StreamReceiver.Connection c = receiver.newConnection(RECEIPT_NONCE, RECEIPT_SECRET);

    PaymentResult result =
        sender(direct()).pay(c.destinationAccount(), c.sharedSecret(), 1_000_000).join();

    assertThat(result.delivered()).isGreaterThanOrEqualTo(1_000_000);
    assertThat(result.sent()).isEqualTo(credited.get());
    assertThat(result.sent() - 1_000_000)
        .as("overpayment")
        .isLessThan(result.sent() / result.packets() + 1);
    Receipt receipt = Receipt.decode(result.receipts().get(1L));
    assertThat(receipt.verify(RECEIPT_SECRET)).isTrue();
    assertThat(receipt.totalReceivedBits()).isEqualTo(result.delivered());
  }

  @Test
  void paysALicenceAmountAsABigInteger() {
    StreamReceiver.Connection c = receiver.newConnection(RECEIPT_NONCE, RECEIPT_SECRET);
    java.math.BigInteger licenceAmount = new java.math.BigInteger("250000"); // License.amount()

    PaymentResult result =
        sender(direct()).pay(c.destinationAccount(), c.sharedSecret(), licenceAmount).join();

    assertThat(result.delivered()).isGreaterThanOrEqualTo(250_000);
  }

  @Test
  void aBigIntegerTargetBeyondWhatOnePaymentCountsIsRefusedBeforeSending() {
    StreamReceiver.Connection c = receiver.newConnection(RECEIPT_NONCE, RECEIPT_SECRET);
    StreamSender s = sender(direct());
    java.math.BigInteger uint64Max =
        java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
    assertThatThrownBy(() -> s.pay(c.destinationAccount(), c.sharedSecret(), uint64Max))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("18446744073709551615")
        .hasMessageContaining("9223372036854775807");
    assertThatThrownBy(
            () -> s.pay(c.destinationAccount(), c.sharedSecret(), java.math.BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThat(credited.get()).isZero();
  }

  @Test
  void learnsTheMaximumPacketAmountFromF08() {
    StreamReceiver.Connection c = receiver.newConnection(RECEIPT_NONCE, RECEIPT_SECRET);
    AtomicLong largest = new AtomicLong();
    IlpLink capped =
        prepare -> {
          if (prepare.amount() > 3000) {
            byte[] data = ByteBuffer.allocate(16).putLong(prepare.amount()).putLong(3000).array();
            return CompletableFuture.completedFuture(
                new IlpPacket.Reject("F08", "test.connector", "too large", data));
          }
          largest.accumulateAndGet(prepare.amount(), Math::max);
          return CompletableFuture.completedFuture(receiver.handle(prepare));
        };

    PaymentResult result =
        sender(capped).pay(c.destinationAccount(), c.sharedSecret(), 50_000).join();

    assertThat(result.delivered()).isGreaterThanOrEqualTo(50_000);
    assertThat(largest.get()).isEqualTo(3000);
  }

  @Test
  void retriesTemporaryErrors() {
    StreamReceiver.Connection c = receiver.newConnection(RECEIPT_NONCE, RECEIPT_SECRET);
    AtomicInteger calls = new AtomicInteger();
    IlpLink flaky =
        prepare ->
            CompletableFuture.completedFuture(
                calls.incrementAndGet() % 3 == 0
                    ? new IlpPacket.Reject("T04", "test.connector", "busy", new byte[0])
                    : receiver.handle(prepare));

    assertThat(
            sender(flaky).pay(c.destinationAccount(), c.sharedSecret(), 20_000).join().delivered())
        .isGreaterThanOrEqualTo(20_000);
  }

  @Test
  void stopsOnFinalErrorsAndAfterAnUnreadableFulfill() {
    StreamReceiver.Connection c = receiver.newConnection(RECEIPT_NONCE, RECEIPT_SECRET);
    IlpLink refusing =
        prepare ->
            CompletableFuture.completedFuture(
                new IlpPacket.Reject("F02", "test.connector", "unreachable", new byte[0]));
    assertThatThrownBy(
            () -> sender(refusing).pay(c.destinationAccount(), c.sharedSecret(), 10).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(StreamPaymentException.class)
        .hasMessageContaining("F02");

    AtomicInteger sentAfterGarbage = new AtomicInteger();
    IlpLink garbled =
        prepare -> {
          IlpPacket answer = receiver.handle(prepare);
          if (answer instanceof IlpPacket.Fulfill f) {
            sentAfterGarbage.incrementAndGet();
            return CompletableFuture.completedFuture(
                new IlpPacket.Fulfill(f.fulfillment(), new byte[40]));
          }
          return CompletableFuture.completedFuture(answer);
        };
    assertThatThrownBy(
            () -> sender(garbled).pay(c.destinationAccount(), c.sharedSecret(), 100_000).join())
        .hasCauseInstanceOf(StreamPaymentException.class)
        .hasMessageContaining("could not read");
    assertThat(sentAfterGarbage.get()).as("no packet after the unreadable Fulfill").isEqualTo(1);
  }

  @Test
  void receiverRejectsWhatItShouldAndCreditsNothingTwice() {
    StreamReceiver.Connection c = receiver.newConnection(null, null);
    byte[] secret = c.sharedSecret();
    byte[] data =
        StreamCrypto.encrypt(
            secret,
            StreamPacketCodec.encode(
                new StreamPacket(
                    StreamPacket.PREPARE, 1, 0, List.of(new StreamFrame.StreamMoney(1, 1)))));
    byte[] condition = StreamCrypto.condition(StreamCrypto.fulfillment(secret, data));
    Instant later = Instant.now().plusSeconds(30);

    IlpPacket first =
        receiver.handle(new IlpPacket.Prepare(500, later, condition, c.destinationAccount(), data));
    IlpPacket again =
        receiver.handle(new IlpPacket.Prepare(500, later, condition, c.destinationAccount(), data));
    assertThat(first).isInstanceOf(IlpPacket.Fulfill.class).isEqualTo(again);
    assertThat(credited.get()).isEqualTo(500);

    assertThat(
            code(
                receiver.handle(
                    new IlpPacket.Prepare(5, later, condition, "test.wallet.alice.bogus", data))))
        .isEqualTo("F06");
    assertThat(
            code(receiver.handle(new IlpPacket.Prepare(5, later, condition, "test.other.x", data))))
        .isEqualTo("F02");
    assertThat(
            code(
                receiver.handle(
                    new IlpPacket.Prepare(5, later, new byte[32], c.destinationAccount(), data))))
        .isEqualTo("F99");
    assertThat(
            code(
                receiver.handle(
                    new IlpPacket.Prepare(
                        5,
                        Instant.now().minusSeconds(1),
                        condition,
                        c.destinationAccount(),
                        data))))
        .isEqualTo("R00");
    assertThat(
            code(
                receiver.handle(
                    new IlpPacket.Prepare(
                        5, later, condition, c.destinationAccount(), new byte[60]))))
        .isEqualTo("F06");
    assertThat(credited.get()).isEqualTo(500);
  }

  private static String code(IlpPacket p) {
    return ((IlpPacket.Reject) p).code();
  }
}
