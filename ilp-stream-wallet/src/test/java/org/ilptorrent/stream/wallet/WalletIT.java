package org.ilptorrent.stream.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.stream.AssetDetails;
import org.ilptorrent.stream.IlpOverHttpLink;
import org.ilptorrent.stream.IlpPacket;
import org.ilptorrent.stream.IlpPacketCodec;
import org.ilptorrent.stream.PaymentResult;
import org.ilptorrent.stream.Spsp;
import org.ilptorrent.stream.StreamPaymentException;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.junit.jupiter.api.Test;

/**
 * The paid flow's money path on 127.0.0.1: a wallet, a receipt verifier, SPSP through the
 * verifier's proxy, STREAM over ILP-over-HTTP, receipts credited at the verifier.
 */
class WalletIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void payingThroughTheVerifiersProxyEarnsSpendableReceipts() throws Exception {
    try (Wallet wallet =
            Wallet.builder()
                .account("alice", "USD", 9, 0)
                .account("bob", "USD", 9, 5_000_000)
                .start();
        ReceiptVerifierServer verifier = ReceiptVerifierServer.builder().start()) {
      ReceiptVerifierClient client =
          ReceiptVerifierClient.builder(verifier.uri())
              .registrationToken(verifier.registrationToken().orElseThrow())
              .build();
      PaymentPointer proxy = client.registerPointer(wallet.pointer("alice"));

      Spsp.Details details = Spsp.query(proxy, http, Duration.ofSeconds(10));
      assertThat(details.receiptsEnabled()).isTrue();
      PaymentResult result =
          new StreamSender(new IlpOverHttpLink(wallet.ilpUrl(), wallet.token("bob")))
              .pay(details.destinationAccount(), details.sharedSecret(), 1_000_000)
              .join();

      assertThat(result.delivered()).isGreaterThanOrEqualTo(1_000_000);
      assertThat(wallet.balance("alice")).isEqualTo(result.sent());
      assertThat(wallet.balance("bob")).isEqualTo(5_000_000 - result.sent());
      String balanceId = UUID.randomUUID().toString();
      long credited = client.creditReceipt(balanceId, Receipt.decode(result.receipts().get(1L)));
      assertThat(credited).isEqualTo(result.delivered());
      assertThat(client.spend(balanceId, 1_000_000, proxy.toString(), null))
          .isEqualTo(credited - 1_000_000);

      HttpResponse<String> account =
          http.send(
              HttpRequest.newBuilder(URI.create(wallet.uri() + "/accounts/alice")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(account.body()).contains("\"balance\":" + result.sent());
    }
  }

  @Test
  void tellsItsAssetAtTheWalletAddressAndInEverySTREAMReply() throws Exception {
    try (Wallet wallet =
            Wallet.builder()
                .account("alice", "USD", 9, 0)
                .account("bob", "USD", 9, 5_000_000)
                .start();
        ReceiptVerifierServer verifier = ReceiptVerifierServer.builder().start()) {
      AssetDetails usd9 = new AssetDetails("USD", 9);
      assertThat(Spsp.assetDetails(wallet.pointer("alice"), http, Duration.ofSeconds(10)))
          .hasValue(usd9);
      // a payer that only has the proxy pointer learns it from the STREAM reply to a probe
      PaymentPointer proxy =
          ReceiptVerifierClient.builder(verifier.uri())
              .registrationToken(verifier.registrationToken().orElseThrow())
              .build()
              .registerPointer(wallet.pointer("alice"));
      Spsp.Details details = Spsp.query(proxy, http, Duration.ofSeconds(10));
      StreamSender sender =
          new StreamSender(new IlpOverHttpLink(wallet.ilpUrl(), wallet.token("bob")));
      assertThat(sender.receiverAsset(details.destinationAccount(), details.sharedSecret()).join())
          .hasValue(usd9);
      assertThat(wallet.balance("bob")).as("a probe moves no money").isEqualTo(5_000_000);
    }
  }

  @Test
  void refusesBadTokensMalformedPacketsAndOverdrafts() throws Exception {
    try (Wallet wallet =
        Wallet.builder().account("alice", "USD", 2, 0).account("bob", "USD", 2, 100).start()) {
      HttpResponse<byte[]> noToken = post(wallet.ilpUrl(), "nope", new byte[] {12, 0});
      assertThat(noToken.statusCode()).isEqualTo(401);

      IlpPacket malformed =
          IlpPacketCodec.decode(
              post(wallet.ilpUrl(), wallet.token("bob"), new byte[] {12, 3, 1, 2}).body());
      assertThat(((IlpPacket.Reject) malformed).code()).isEqualTo("F01");

      Spsp.Details d = Spsp.query(wallet.pointer("alice"), http, Duration.ofSeconds(5));
      assertThat(d.receiptsEnabled()).isFalse();
      StreamSender sender =
          new StreamSender(new IlpOverHttpLink(wallet.ilpUrl(), wallet.token("bob")));
      Throwable t =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> sender.pay(d.destinationAccount(), d.sharedSecret(), 1000).join());
      assertThat(t).hasCauseInstanceOf(StreamPaymentException.class);
      assertThat(wallet.balance("bob")).isBetween(0L, 100L);
      assertThat(wallet.balance("alice") + wallet.balance("bob")).isEqualTo(100);

      IlpPacket elsewhere =
          new IlpOverHttpLink(wallet.ilpUrl(), wallet.token("bob"))
              .send(
                  new IlpPacket.Prepare(
                      1,
                      java.time.Instant.now().plusSeconds(5),
                      new byte[32],
                      "test.other.x",
                      new byte[0]))
              .join();
      assertThat(((IlpPacket.Reject) elsewhere).code()).isEqualTo("F02");
    }
  }

  private HttpResponse<byte[]> post(URI url, String token, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url)
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
