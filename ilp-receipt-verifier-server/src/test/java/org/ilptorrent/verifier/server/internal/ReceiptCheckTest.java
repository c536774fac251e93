package org.ilptorrent.verifier.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.ilptorrent.verifier.Receipt;
import org.junit.jupiter.api.Test;

/** The cached-key check answers exactly what {@code Receipt.verify(Receipt.secret(...))} does. */
class ReceiptCheckTest {
  private final Random random = new Random(15);

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Test
  void agreesWithTheReceiptCodecOnSignedAndTamperedReceipts() {
    byte[] seed = bytes(32);
    ReceiptCheck check = new ReceiptCheck(seed);
    for (int i = 0; i < 200; i++) {
      byte[] nonce = bytes(16);
      Receipt signed =
          Receipt.create(nonce, i % 256, random.nextLong(), Receipt.secret(seed, nonce));
      assertThat(check.verify(signed)).isTrue();

      byte[] tampered = signed.toBytes();
      tampered[random.nextInt(tampered.length - 1) + 1] ^= (byte) (1 << random.nextInt(8));
      Receipt other = Receipt.decode(tampered);
      assertThat(check.verify(other))
          .isEqualTo(other.verify(Receipt.secret(seed, other.nonce())))
          .isFalse();
    }
  }

  @Test
  void refusesReceiptsSignedUnderAnotherSeed() {
    byte[] nonce = bytes(16);
    Receipt receipt = Receipt.create(nonce, 1, 500, Receipt.secret(bytes(32), nonce));
    assertThat(new ReceiptCheck(bytes(32)).verify(receipt)).isFalse();
  }

  @Test
  void worksFromManyThreadsAtOnce() throws Exception {
    byte[] seed = bytes(32);
    ReceiptCheck check = new ReceiptCheck(seed);
    byte[] nonce = bytes(16);
    Receipt good = Receipt.create(nonce, 1, 500, Receipt.secret(seed, nonce));
    Receipt bad = Receipt.create(nonce, 1, 500, bytes(32));
    boolean[] wrong = new boolean[1];
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 2_000; i++) {
                  if (!check.verify(good) || check.verify(bad)) {
                    wrong[0] = true;
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(wrong[0]).isFalse();
  }
}
