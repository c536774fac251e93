package org.ilptorrent.webtorrent.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  private long now;
  private final List<Long> delays = new ArrayList<>();
  private final List<Runnable> wakeUps = new ArrayList<>();
  private final TokenBucket bucket =
      new TokenBucket(
          (delay, task) -> {
            delays.add(delay);
            wakeUps.add(task);
          },
          () -> now);
  private int woken;
  private final Runnable waiter = () -> woken++;

  private void fireWakeUps() {
    List<Runnable> due = List.copyOf(wakeUps);
    wakeUps.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void unlimitedLetsEverythingGo() {
    assertThat(bucket.rate()).isEqualTo(TokenBucket.UNLIMITED);
    bucket.take(1L << 40);
    assertThat(bucket.mayStart(waiter)).isTrue();
    assertThat(bucket.available()).isEqualTo(Long.MAX_VALUE);
    assertThat(delays).isEmpty();
  }

  @Test
  void unlimitedStartsEveryWantedTransfer() {
    // Long.MAX_VALUE bytes available must not wrap into one transfer at a time
    assertThat(bucket.transfers(64, 16 * 1024)).isEqualTo(64);
    assertThat(bucket.transfers(1, 16 * 1024)).isEqualTo(1);
  }

  @Test
  void aLimitStartsTheTransfersItsTokensCoverRoundedUp() {
    bucket.setRate(64 * 1024);
    now += SECOND; // a quarter second's worth: 16 KiB
    assertThat(bucket.transfers(64, 16 * 1024)).isEqualTo(1);
    assertThat(bucket.transfers(64, 10 * 1024)).isEqualTo(2);
    bucket.setRate(1024 * 1024);
    now += SECOND; // 256 KiB
    assertThat(bucket.transfers(64, 16 * 1024)).isEqualTo(16);
    assertThat(bucket.transfers(3, 16 * 1024)).isEqualTo(3);
    bucket.take(1024 * 1024); // in debt: still one, as a transfer that may start takes one
    assertThat(bucket.transfers(64, 16 * 1024)).isEqualTo(1);
  }

  @Test
  void transfersAreHeldToTheRateOnAverage() {
    bucket.setRate(64 * 1024);
    now += SECOND; // a second's tokens, capped at the burst of a quarter second
    assertThat(bucket.available()).isEqualTo(16 * 1024);
    assertThat(bucket.mayStart(waiter)).isTrue();
    bucket.take(16 * 1024 * 3); // three blocks: two of them on credit
    assertThat(bucket.mayStart(waiter)).isFalse();
    // the debt of 32 KiB takes half a second to repay at 64 KiB/s
    assertThat(delays).hasSize(1);
    assertThat(delays.get(0)).isBetween(SECOND / 2, SECOND / 2 + SECOND / 1000);
    now += delays.get(0);
    fireWakeUps();
    assertThat(woken).isEqualTo(1);
    assertThat(bucket.mayStart(waiter)).isTrue();
  }

  @Test
  void aWaiterRegisteredTwiceRunsOnce() {
    bucket.setRate(1000);
    assertThat(bucket.mayStart(waiter)).isFalse();
    assertThat(bucket.mayStart(waiter)).isFalse();
    assertThat(delays).hasSize(1); // one wake-up scheduled
    now += SECOND;
    fireWakeUps();
    assertThat(woken).isEqualTo(1);
  }

  @Test
  void zeroStopsUntilTheRateChanges() {
    bucket.setRate(0);
    now += 10 * SECOND;
    assertThat(bucket.mayStart(waiter)).isFalse();
    assertThat(delays).isEmpty(); // nothing to wait for
    bucket.setRate(TokenBucket.UNLIMITED);
    assertThat(woken).isEqualTo(1);
    assertThat(bucket.mayStart(waiter)).isTrue();
  }

  @Test
  void aNewRateWakesWaitersAndCancelsTheOldWakeUp() {
    bucket.setRate(10);
    assertThat(bucket.mayStart(waiter)).isFalse();
    bucket.setRate(1_000_000);
    assertThat(woken).isEqualTo(1);
    fireWakeUps(); // the wake-up planned at the old rate finds nobody
    assertThat(woken).isEqualTo(1);
  }

  @Test
  void aRateBelowMinusOneIsRefused() {
    assertThatThrownBy(() -> bucket.setRate(-2)).isInstanceOf(IllegalArgumentException.class);
  }
}
