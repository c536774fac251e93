package org.ilptorrent.webtorrent.internal.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentStateFileTest {
  @TempDir Path dir;

  private final License license =
      new License(
          PaymentPointer.parse("http://127.0.0.1:3000/spsp/" + "ab".repeat(32)),
          URI.create("http://127.0.0.1:3000"),
          BigInteger.valueOf(50_000),
          "USD",
          9);
  private final InfoHash hash = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

  @Test
  void nothingStoredReadsEmpty() throws Exception {
    assertThat(new PaymentStateFile(dir, hash).read()).isEmpty();
  }

  @Test
  void aStateRoundTripsInAPrivateFile() throws Exception {
    PaymentStateFile file = new PaymentStateFile(dir, hash);
    PaymentState state =
        PaymentState.fresh(
                "3f2a9c1e-0000-4000-8000-000000000001",
                license,
                new PaymentState.LeecherKey("cHJpdmF0ZQ==", "cd".repeat(32)))
            .delivered(30_000, "AQAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAfTBIvoC", 0)
            .credited(30_000)
            .withAccessTicket("ef".repeat(125));
    file.write(state);
    file.write(state.admit());

    assertThat(file.read()).contains(state.admit());
    assertThat(Files.getPosixFilePermissions(file.path()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(file.path().getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(file.path().getParent()).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void creditsCountFromTheBaseOfTheirPayment() {
    PaymentState s =
        PaymentState.fresh("id", license, null)
            .delivered(20_000, "r1", 0)
            .credited(20_000)
            // a second payment (a new STREAM connection) after a restart: receipts restart at 0
            .delivered(20_000 + 30_000, "r2", 20_000)
            .credited(30_000);
    assertThat(s.delivered()).isEqualTo(50_000);
    assertThat(s.credited()).isEqualTo(50_000);
    assertThat(s.coversPrice()).isTrue();
    assertThat(s.pendingReceipt()).isEmpty();
  }

  @Test
  void theBalanceIdNeverAppearsInToString() {
    PaymentState s = PaymentState.fresh("3f2a9c1e-secret-part", license, null);
    assertThat(s.toString()).contains("3f2a9c1e").doesNotContain("secret");
  }
}
