package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.ProxyRegistration;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.VerifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pointer registry is authenticated: operator token, management tokens, open-registration
 * quotas.
 */
class RegistryAuthIT {
  private final HttpClient http = HttpClient.newHttpClient();

  private static PaymentPointer wallet(int i) {
    return PaymentPointer.parse("$wallet.example/user" + i);
  }

  private HttpResponse<String> delete(URI base, String hash, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/proxy/" + hash)).DELETE();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void registeringNeedsTheOperatorTokenAndDeletingItOrTheManagementToken() throws Exception {
    try (ReceiptVerifierServer server = ReceiptVerifierServer.builder().start()) {
      String operatorToken = server.registrationToken().orElseThrow();
      assertThat(operatorToken).hasSizeGreaterThanOrEqualTo(40);
      ReceiptVerifierClient anonymous = ReceiptVerifierClient.builder(server.uri()).build();
      ReceiptVerifierClient operator =
          ReceiptVerifierClient.builder(server.uri()).registrationToken(operatorToken).build();

      assertThatThrownBy(() -> anonymous.register(wallet(1)))
          .isInstanceOf(VerifierException.class)
          .hasMessage("unauthorized")
          .extracting(e -> ((VerifierException) e).status())
          .isEqualTo(401);

      ProxyRegistration first = operator.register(wallet(1));
      assertThat(first.managementToken()).isPresent();
      assertThat(first.proxyPointer().toString()).isEqualTo(server.uri() + "/spsp/" + first.hash());
      ProxyRegistration again = operator.register(wallet(1));
      assertThat(again.hash()).isEqualTo(first.hash());
      assertThat(again.managementToken()).as("no new token for a known pointer").isEmpty();

      // Nobody can switch a publisher's payments off with the public hash alone.
      assertThat(delete(server.uri(), first.hash(), null).statusCode()).isEqualTo(401);
      assertThat(delete(server.uri(), first.hash(), null).body()).isEqualTo("unauthorized");
      assertThat(delete(server.uri(), first.hash(), "wrong").statusCode()).isEqualTo(401);
      ProxyRegistration other = operator.register(wallet(2));
      assertThatThrownBy(
              () -> anonymous.deregisterPointer(first.hash(), other.managementToken().get()))
          .isInstanceOf(VerifierException.class)
          .hasMessage("unauthorized");

      anonymous.deregisterPointer(first.hash(), first.managementToken().get());
      // Gone: its token no longer means anything, and only the operator learns it is gone.
      assertThat(delete(server.uri(), first.hash(), first.managementToken().get()).statusCode())
          .isEqualTo(401);
      assertThat(delete(server.uri(), first.hash(), operatorToken).statusCode()).isEqualTo(404);
      operator.deregisterPointer(other.hash());
      assertThat(delete(server.uri(), other.hash(), operatorToken).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theGeneratedOperatorTokenIsKeptPrivateInTheDataDirectory(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    String token;
    try (ReceiptVerifierServer server =
        ReceiptVerifierServer.builder().dataDirectory(data).start()) {
      token = server.registrationToken().orElseThrow();
    }
    Path file = data.resolve(ReceiptVerifierServer.OPERATOR_TOKEN_FILE);
    assertThat(Files.readString(file).strip()).isEqualTo(token);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    try (ReceiptVerifierServer server =
        ReceiptVerifierServer.builder().dataDirectory(data).start()) {
      assertThat(server.registrationToken()).contains(token);
    }
    try (ReceiptVerifierServer server =
        ReceiptVerifierServer.builder().dataDirectory(data).registrationToken("set").start()) {
      assertThat(server.registrationToken()).contains("set");
    }
  }

  @Test
  void openRegistrationHasAPerAddressQuotaAndATotalBudget() throws Exception {
    try (ReceiptVerifierServer server =
        ReceiptVerifierServer.builder().openRegistration(true).registrationQuota(3, 1000).start()) {
      assertThat(server.registrationToken()).isEmpty();
      ReceiptVerifierClient anyone = ReceiptVerifierClient.builder(server.uri()).build();
      for (int i = 0; i < 3; i++) {
        assertThat(anyone.register(wallet(i)).managementToken()).isPresent();
      }
      // A pointer registered before costs nothing.
      assertThat(anyone.register(wallet(0)).managementToken()).isEmpty();
      assertThatThrownBy(() -> anyone.register(wallet(3)))
          .isInstanceOf(VerifierException.class)
          .hasMessage("too many registrations")
          .extracting(e -> ((VerifierException) e).status())
          .isEqualTo(429);
    }
    try (ReceiptVerifierServer server =
        ReceiptVerifierServer.builder()
            .openRegistration(true)
            .registrationToken("operator")
            .registrationQuota(100, 2)
            .start()) {
      ReceiptVerifierClient anyone = ReceiptVerifierClient.builder(server.uri()).build();
      anyone.register(wallet(0));
      anyone.register(wallet(1));
      assertThatThrownBy(() -> anyone.register(wallet(2)))
          .isInstanceOf(VerifierException.class)
          .hasMessage("registry full")
          .extracting(e -> ((VerifierException) e).status())
          .isEqualTo(507);
      // The operator is not bound by the open-registration budget.
      ReceiptVerifierClient operator =
          ReceiptVerifierClient.builder(server.uri()).registrationToken("operator").build();
      assertThat(operator.register(wallet(2)).managementToken()).isPresent();
    }
  }
}
