package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.UnknownBalanceException;
import org.ilptorrent.verifier.VerifierException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier's HTTP API against a real server and wallet on 127.0.0.1. */
class VerifierServerIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private SpspTestWallet wallet;
  private ReceiptVerifierServer server;
  private ReceiptVerifierClient client;
  private PaymentPointer proxy;

  @BeforeEach
  void start() throws Exception {
    wallet = new SpspTestWallet();
    server = ReceiptVerifierServer.builder().start();
    client =
        ReceiptVerifierClient.builder(server.uri())
            .registrationToken(server.registrationToken().orElseThrow())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    wallet.close();
  }

  /**
   * Registers the wallet and makes one SPSP query through the proxy: a nonce the verifier knows.
   */
  private SpspTestWallet.Issued issueNonce() throws Exception {
    proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
    HttpResponse<String> spsp = spsp(proxy.toUrl());
    assertThat(spsp.statusCode()).isEqualTo(200);
    assertThat(spsp.body()).contains("\"receipts_enabled\":true");
    return wallet.takeIssued();
  }

  private HttpResponse<String> spsp(URI url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url).header("Accept", "application/spsp4+json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String hash() {
    return proxy.toUrl().getPath().substring("/spsp/".length());
  }

  @Test
  void creditsIncreasesOnceAndSpends() throws Exception {
    SpspTestWallet.Issued n = issueNonce();
    String id = UUID.randomUUID().toString();

    assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 1, 500, n.secret())))
        .isEqualTo(500);
    assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 1, 800, n.secret())))
        .isEqualTo(800);
    assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 2, 50, n.secret())))
        .isEqualTo(850);
    assertThatThrownBy(
            () -> client.creditReceipt(id, Receipt.create(n.nonce(), 1, 800, n.secret())))
        .isInstanceOf(InvalidReceiptException.class)
        .hasMessage("expired receipt");
    assertThatThrownBy(
            () -> client.creditReceipt(id, Receipt.create(n.nonce(), 1, 700, n.secret())))
        .hasMessage("expired receipt");
    String pointer = proxy.toString();
    assertThat(client.spend(id, 300, pointer, null)).isEqualTo(550);
    assertThatThrownBy(() -> client.spend(id, 551, pointer, null))
        .isInstanceOf(InsufficientBalanceException.class);
    assertThat(client.spend(id, 550, hash(), null)).isZero();
    assertThatThrownBy(() -> client.spend(UUID.randomUUID().toString(), 1, pointer, null))
        .isInstanceOf(UnknownBalanceException.class);
  }

  @Test
  void statusCodesAndBodiesMatchTheNpmVerifier() throws Exception {
    SpspTestWallet.Issued n = issueNonce();
    Receipt good = Receipt.create(n.nonce(), 1, 10, n.secret());
    byte[] badHmac = good.toBytes();
    badHmac[57] ^= 1;
    byte[] badVersion = good.toBytes();
    badVersion[0] = 9;
    String b64 = java.util.Base64.getEncoder().encodeToString(badHmac);

    assertResponse(post("/balances/a:creditReceipt", b64), 400, "invalid hmac");
    assertResponse(
        post("/balances/a:creditReceipt", java.util.Base64.getEncoder().encodeToString(badVersion)),
        400,
        "invalid version");
    assertResponse(post("/balances/a:creditReceipt", "AQID"), 400, "receipt malformed");
    assertResponse(
        post("/balances/a:creditReceipt", "A".repeat(81)), 413, "request entity too large");
    assertResponse(post("/balances/a:creditReceipt", good.toBase64()), 200, "10");
    assertResponse(post("/balances/a:creditReceipt", good.toBase64()), 400, "expired receipt");
    Receipt unknownNonce =
        Receipt.create(new byte[16], 1, 10, Receipt.secret(new byte[32], new byte[16]));
    assertResponse(post("/balances/a:creditReceipt", unknownNonce.toBase64()), 400, "invalid hmac");
    String[] pp = {"Payment-Pointer", hash()};
    assertResponse(post("/balances/a:spend", "11", pp), 409, "insufficient balance");
    assertResponse(post("/balances/nobody:spend", "1", pp), 404, "balance does not exist");
    assertResponse(
        post("/balances/a:spend", "12345678901234567890", pp), 413, "request entity too large");
    assertResponse(post("/balances/a:spend", "ten", pp), 400, "invalid amount");
    assertResponse(post("/balances/a:spend", "9223372036854775808", pp), 400, "invalid amount");
    assertResponse(post("/balances/a:spend", "4"), 400, "payment pointer required");
    assertResponse(
        post("/balances/a:spend", "4", "Payment-Pointer", "not a pointer"),
        400,
        "invalid payment pointer");
    assertResponse(
        post("/balances/a:spend", "4", "Payment-Pointer", hash(), "Idempotency-Key", "a b"),
        400,
        "invalid idempotency key");
    assertResponse(post("/balances/a:spend", "4", pp), 200, "6");
    assertResponse(post("/balances/a%20b:spend", "1", pp), 400, "invalid balance id");
    assertResponse(post("/nothing", ""), 404, "Not Found");
  }

  @Test
  void aNonceTheVerifierNeverIssuedIsExpired() throws Exception {
    byte[] nonce = new byte[16];
    nonce[0] = 7;
    byte[] seedSecret = new byte[32];
    // Signed with the right secret shape but a nonce the proxy never handed out: without the seed
    // the HMAC cannot match, so this is refused as invalid.
    assertResponse(
        post("/balances/x:creditReceipt", Receipt.create(nonce, 1, 5, seedSecret).toBase64()),
        400,
        "invalid hmac");
  }

  @Test
  void walletsThatDoNotIssueReceiptsGet409AndUnknownHashes404() throws Exception {
    wallet.receiptsEnabled(false);
    proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
    assertThat(spsp(proxy.toUrl()).statusCode()).isEqualTo(409);
    assertThat(spsp(URI.create(server.uri() + "/spsp/" + "0".repeat(64))).statusCode())
        .isEqualTo(404);
    HttpResponse<String> noAccept =
        http.send(
            HttpRequest.newBuilder(proxy.toUrl()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noAccept.statusCode()).isEqualTo(404);
    String hash = proxy.toUrl().getPath().substring("/spsp/".length());
    assertThat(spsp(URI.create(server.uri() + "/" + hash)).statusCode()).isEqualTo(409);
    client.deregisterPointer(hash);
    assertThat(spsp(proxy.toUrl()).statusCode()).isEqualTo(404);
  }

  @Test
  void errorBodiesNameNoUrlOrId() throws Exception {
    String secretId = "secret-balance-id-1234";
    HttpResponse<String> r =
        post("/balances/" + secretId + ":spend", "1", "Payment-Pointer", "a".repeat(64));
    assertThat(r.body()).doesNotContain(secretId).doesNotContain("127.0.0.1");
  }

  @Test
  void registrationCanBeClosedByAToken() throws Exception {
    try (ReceiptVerifierServer closed =
        ReceiptVerifierServer.builder().registrationToken("s3cret").start()) {
      PaymentPointer wallet = PaymentPointer.parse(this.wallet.pointer());
      assertThatThrownBy(
              () -> ReceiptVerifierClient.builder(closed.uri()).build().registerPointer(wallet))
          .isInstanceOf(VerifierException.class)
          .hasMessage("unauthorized");
      PaymentPointer proxy =
          ReceiptVerifierClient.builder(closed.uri())
              .registrationToken("s3cret")
              .build()
              .registerPointer(wallet);
      assertThat(proxy.toString()).startsWith(closed.uri() + "/spsp/");
    }
  }

  @Test
  void answersCorsPreflight() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/balances/a:spend"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:9")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("POST");
    assertThat(post("/balances/a:spend", "1").headers().firstValue("Access-Control-Allow-Origin"))
        .contains("*");
  }

  @Test
  void rejectsBadRegistrations() throws Exception {
    String[] auth = {"Authorization", "Bearer " + server.registrationToken().orElseThrow()};
    assertResponse(
        post("/proxy", "{\"paymentPointer\":\"not a pointer\"}", auth),
        400,
        "invalid payment pointer");
    assertResponse(post("/proxy", "{", auth), 400, "invalid payment pointer");
    assertResponse(post("/proxy", "x".repeat(5000), auth), 413, "request entity too large");
    assertResponse(post("/proxy", "{}"), 401, "unauthorized");
  }

  private static void assertResponse(HttpResponse<String> r, int status, String body) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).isEqualTo(body);
  }
}
