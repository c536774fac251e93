package org.ilptorrent.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.stream.IlpLink;
import org.ilptorrent.stream.IlpOverHttpLink;
import org.ilptorrent.stream.IlpPacket;
import org.ilptorrent.stream.PaymentResult;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.stream.wallet.Wallet;

/**
 * Time to pay 1,000,000 units in 1,000-unit packets, Java sender to Java wallet over ILP-over-HTTP
 * on loopback, receipts on (the SPSP query carries receipt headers, as through a verifier's proxy).
 * Packets above 1,000 get F08, as from a connector with that maximum, so the sender settles on
 * 1,000-unit packets. Run by bench-stream.sh.
 *
 * <p>Usage: {@code StreamPaymentsBench [runs]}.
 */
public final class StreamPaymentsBench {
  private StreamPaymentsBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    HttpClient http = HttpClient.newHttpClient();
    try (Wallet wallet =
        Wallet.builder().account("alice", "USD", 9, 0).account("bob", "USD", 9, 1L << 40).start()) {
      IlpLink http1 = new IlpOverHttpLink(wallet.ilpUrl(), wallet.token("bob"));
      IlpLink capped =
          prepare -> {
            if (prepare.amount() > 1000) {
              byte[] data = ByteBuffer.allocate(16).putLong(prepare.amount()).putLong(1000).array();
              return CompletableFuture.completedFuture(
                  new IlpPacket.Reject("F08", "test.connector", "too large", data));
            }
            return http1.send(prepare);
          };
      for (int run = 0; run <= runs; run++) {
        JsonNode spsp = spsp(http, wallet.pointer("alice").toUrl());
        long start = System.nanoTime();
        PaymentResult result =
            new StreamSender(capped)
                .pay(
                    spsp.get("destination_account").asText(),
                    Base64.getDecoder().decode(spsp.get("shared_secret").asText()),
                    1_000_000)
                .join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "%s: %d packets, delivered %d with receipt, %.2f s, %.0f packets/s%n",
            run == 0 ? "warm-up" : "run " + run,
            result.packets(),
            result.delivered(),
            seconds,
            result.packets() / seconds);
      }
    }
  }

  private static JsonNode spsp(HttpClient http, URI url) throws Exception {
    byte[] nonce = new byte[16];
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(nonce);
    new SecureRandom().nextBytes(secret);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(url)
                .header("Accept", "application/spsp4+json")
                .header("Receipt-Nonce", Base64.getEncoder().encodeToString(nonce))
                .header("Receipt-Secret", Base64.getEncoder().encodeToString(secret))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }
}
