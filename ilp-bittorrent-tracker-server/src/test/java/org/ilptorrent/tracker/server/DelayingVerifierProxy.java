package org.ilptorrent.tracker.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy in front of a receipt verifier that forwards every request at once but holds
 * back the verifier's answer to the first spend until released: the spend happens at the verifier,
 * its caller just does not hear of it in time (as with a verifier slowed by hostile sockets).
 */
final class DelayingVerifierProxy implements AutoCloseable {
  private static final List<String> FORWARDED =
      List.of("Content-Type", "Accept", "Authorization", "Payment-Pointer", "Idempotency-Key");

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService threads =
      java.util.concurrent.Executors.newCachedThreadPool();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI target;
  private final AtomicInteger spends = new AtomicInteger();

  /** Counted down when the verifier has answered the first spend (the debit happened). */
  final CountDownLatch firstSpendDone = new CountDownLatch(1);

  /** Counted down by the test to let the held answer go. */
  final CountDownLatch release = new CountDownLatch(1);

  DelayingVerifierProxy(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::forward);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many spends reached the verifier. */
  int spends() {
    return spends.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().toString()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String name : FORWARDED) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          request.header(name, value);
        }
      }
      HttpResponse<byte[]> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      boolean spend = exchange.getRequestURI().getPath().endsWith(":spend");
      if (spend && spends.incrementAndGet() == 1) {
        firstSpendDone.countDown();
        release.await(30, TimeUnit.SECONDS);
      }
      answer
          .headers()
          .firstValue("Content-Type")
          .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
      exchange.sendResponseHeaders(
          answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The caller gave up waiting and closed the connection: that is the point.
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
