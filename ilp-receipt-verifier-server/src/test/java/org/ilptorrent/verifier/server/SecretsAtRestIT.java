package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.stream.Stream;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.ProxyRegistration;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory holds no balance id, idempotency key or management token in clear, and only
 * its owner can read it; SPSP queries, each of which costs a journal record, are rate-limited.
 */
class SecretsAtRestIT {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> spsp(URI url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url).header("Accept", "application/spsp4+json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theJournalKeepsDigestsInPrivateFiles(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("verifier-data");
    String id = "balance-" + UUID.randomUUID();
    String key = "idem-" + UUID.randomUUID();
    String managementToken;
    try (SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer server =
            ReceiptVerifierServer.builder().dataDirectory(data).start()) {
      ReceiptVerifierClient client =
          ReceiptVerifierClient.builder(server.uri())
              .registrationToken(server.registrationToken().orElseThrow())
              .build();
      ProxyRegistration reg = client.register(PaymentPointer.parse(wallet.pointer()));
      managementToken = reg.managementToken().orElseThrow();
      assertThat(spsp(reg.proxyPointer().toUrl()).statusCode()).isEqualTo(200);
      SpspTestWallet.Issued n = wallet.takeIssued();
      client.creditReceipt(id, Receipt.create(n.nonce(), 1, 100, n.secret()));
      client.spend(id, 10, reg.hash(), key);

      // While running (records appended) and after the restart's snapshot.
      assertNoSecrets(data, id, key, managementToken);
    }
    try (ReceiptVerifierServer server =
        ReceiptVerifierServer.builder().dataDirectory(data).start()) {
      assertNoSecrets(data, id, key, managementToken);
    }
    assertThat(Files.getPosixFilePermissions(data))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> files = Files.list(data)) {
      for (Path f : files.toList()) {
        assertThat(Files.getPosixFilePermissions(f))
            .as(f.getFileName().toString())
            .containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      }
    }
  }

  private static void assertNoSecrets(Path data, String... secrets) throws Exception {
    String journal =
        Files.readString(data.resolve(JournalVerifierStore.JOURNAL), StandardCharsets.UTF_8);
    assertThat(journal).isNotEmpty();
    for (String s : secrets) {
      assertThat(journal).doesNotContain(s);
    }
  }

  @Test
  void spspQueriesAreRateLimitedPerAddress() throws Exception {
    try (SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer server =
            ReceiptVerifierServer.builder()
                .spspRateLimit(3, java.time.Duration.ofHours(1))
                .start()) {
      PaymentPointer proxy =
          ReceiptVerifierClient.builder(server.uri())
              .registrationToken(server.registrationToken().orElseThrow())
              .build()
              .registerPointer(PaymentPointer.parse(wallet.pointer()));
      for (int i = 0; i < 3; i++) {
        assertThat(spsp(proxy.toUrl()).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = spsp(proxy.toUrl());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.body()).isEqualTo("too many requests");
      // The balances API is not limited by it.
      HttpResponse<String> spend =
          http.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/balances/x:spend"))
                  .header("Payment-Pointer", "0".repeat(64))
                  .POST(HttpRequest.BodyPublishers.ofString("1"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(spend.statusCode()).isEqualTo(404);
    }
  }
}
