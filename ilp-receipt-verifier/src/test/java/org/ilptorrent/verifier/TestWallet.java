package org.ilptorrent.verifier;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An SPSP endpoint on 127.0.0.1 standing in for a wallet: it answers SPSP queries and hands the
 * receipt nonce and secret the verifier sent to the test, which then signs receipts as the wallet's
 * STREAM receiver would.
 */
final class TestWallet implements AutoCloseable {
  record Issued(byte[] nonce, byte[] secret) {}

  private final HttpServer server;
  private final LinkedBlockingQueue<Issued> issued = new LinkedBlockingQueue<>();
  volatile boolean receiptsEnabled = true;

  TestWallet() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String nonce = exchange.getRequestHeaders().getFirst("Receipt-Nonce");
          String secret = exchange.getRequestHeaders().getFirst("Receipt-Secret");
          if (nonce != null && secret != null) {
            issued.add(
                new Issued(Base64.getDecoder().decode(nonce), Base64.getDecoder().decode(secret)));
          }
          byte[] body =
              ("{\"destination_account\":\"test.wallet.alice\",\"shared_secret\":\""
                      + Base64.getEncoder().encodeToString(new byte[32])
                      + "\""
                      + (receiptsEnabled ? ",\"receipts_enabled\":true" : "")
                      + "}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/spsp4+json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** The wallet's pointer, plain http on loopback as local development allows. */
  String pointer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alice";
  }

  /** The nonce and secret of the latest SPSP query. */
  Issued takeIssued() throws InterruptedException {
    Issued i = issued.poll(10, TimeUnit.SECONDS);
    if (i == null) {
      throw new AssertionError("the wallet received no SPSP query with receipt headers");
    }
    return i;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
