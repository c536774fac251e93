package org.ilptorrent.verifier.internal.http;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one JDK {@link HttpClient} of the process for the suite's client calls (verifier, SPSP,
 * ILP-over-HTTP, tracker announces), made on first use.
 *
 * <p>Why one: on Java 17 an {@code HttpClient} cannot be closed; its selector thread lives until
 * the client is garbage collected, so a client per {@code WebTorrent} or per verifier client left
 * one thread behind for each one closed (22 opened and closed left 23). One shared client keeps one
 * selector thread (a daemon) and one connection pool for the process.
 *
 * <p>Settings suit every caller: HTTP/1.1 (no h2c upgrade attempt on plain http), no redirects
 * (payment and verifier calls must not be sent elsewhere), a 10 s connect timeout. Callers set
 * their own whole-request timeout on each request.
 */
public final class SharedHttpClient {
  private SharedHttpClient() {}

  private static final class Holder {
    static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** The shared client. */
  public static HttpClient get() {
    return Holder.CLIENT;
  }
}
