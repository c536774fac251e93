package org.ilptorrent.tracker.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server for tests: records each raw query and answers with the next scripted reply (the
 * last one repeats), so that tests can play a well-behaved or a hostile tracker.
 */
public final class ScriptedHttpTracker implements AutoCloseable {
  /** One scripted answer: status and body, after an optional delay. */
  public record Reply(int status, byte[] body, long delayMillis) {
    public static Reply ok(String body) {
      return new Reply(200, body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0);
    }
  }

  public final List<String> queries = new CopyOnWriteArrayList<>();
  public final List<String> paths = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
  private volatile Reply last = Reply.ok("d8:intervali60e5:peers0:e");
  private final HttpServer server;

  private final boolean tls;

  public ScriptedHttpTracker() throws IOException {
    this(null);
  }

  /** Over TLS ({@code https}) when {@code tls} is not null. */
  public ScriptedHttpTracker(javax.net.ssl.SSLContext tls) throws IOException {
    this.tls = tls != null;
    if (tls == null) {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } else {
      com.sun.net.httpserver.HttpsServer https =
          com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
      server = https;
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            paths.add(exchange.getRequestURI().getRawPath());
            queries.add(exchange.getRequestURI().getRawQuery());
            Reply r = script.poll();
            if (r == null) {
              r = last;
            } else {
              last = r;
            }
            if (r.delayMillis() > 0) {
              try {
                TimeUnit.MILLISECONDS.sleep(r.delayMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
            }
            if (r.status() / 100 == 3) {
              exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(r.body());
              } catch (IOException e) {
                // The client gave up reading: that is what some tests want.
              }
            }
          }
        });
    server.start();
  }

  /** Queues replies for the next requests. */
  public void then(Reply... replies) {
    script.addAll(List.of(replies));
  }

  public URI announce() {
    return URI.create(
        (tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/announce");
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
