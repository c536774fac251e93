package org.ilptorrent.webtorrent.internal.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a .torrent file over http(s): at most {@code maxBytes} (refused from the {@code
 * Content-Length} before the body, or as soon as the body passes it), within one deadline for the
 * whole exchange, following up to {@link #MAX_REDIRECTS} redirects. Errors are {@link IOException}s
 * that name the URL and what went wrong.
 */
public final class TorrentFetch {
  /** Redirects followed (the shared client follows none by itself). */
  static final int MAX_REDIRECTS = 3;

  private final HttpClient client;
  private final int maxBytes;
  private final Duration timeout;

  /**
   * @param client the process's shared client
   * @param maxBytes the largest body taken
   * @param timeout the deadline for everything, redirects included
   */
  public TorrentFetch(HttpClient client, int maxBytes, Duration timeout) {
    this.client = client;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
  }

  /** The body of a 200 answer to {@code GET url}. */
  public byte[] fetch(URI url) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI at = url;
    for (int hop = 0; ; hop++) {
      HttpResponse<byte[]> r = send(at, deadline, url);
      int status = r.statusCode();
      if (status == 200) {
        return r.body();
      }
      Optional<String> location = r.headers().firstValue("location");
      if (status / 100 == 3 && location.isPresent() && hop < MAX_REDIRECTS) {
        at = at.resolve(location.get());
        String scheme = at.getScheme() == null ? "" : at.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
          throw new IOException(url + " redirects to a non-http URL");
        }
        continue;
      }
      throw new IOException("cannot fetch " + url + ": HTTP " + status);
    }
  }

  private HttpResponse<byte[]> send(URI at, long deadline, URI original) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw timedOut(original);
    }
    HttpRequest request = HttpRequest.newBuilder(at).timeout(Duration.ofNanos(left)).GET().build();
    CompletableFuture<HttpResponse<byte[]>> f =
        client.sendAsync(request, info -> new BoundedBody(info, maxBytes, original));
    try {
      return f.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw timedOut(original);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + original);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof TooLarge tooLarge) {
        throw new IOException(tooLarge.getMessage(), tooLarge);
      }
      if (c instanceof java.net.http.HttpTimeoutException) {
        throw timedOut(original);
      }
      throw new IOException("cannot fetch " + original + ": " + c.getMessage(), c);
    }
  }

  private IOException timedOut(URI url) {
    return new IOException(
        "cannot fetch " + url + ": no answer within " + timeout.toSeconds() + " s");
  }

  private static final class TooLarge extends IOException {
    TooLarge(URI url, int max) {
      super(url + " is larger than " + max + " bytes, too large for a .torrent file");
    }
  }

  /** Collects at most {@code max} bytes of a 200 body; other bodies are dropped. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final int max;
    private final URI url;
    private final boolean keep;
    private byte[] data = new byte[0];
    private int size;
    private Flow.Subscription subscription;

    BoundedBody(HttpResponse.ResponseInfo info, int max, URI url) {
      this.max = max;
      this.url = url;
      this.keep = info.statusCode() == 200;
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      if (keep && declared > max) {
        result.completeExceptionally(new TooLarge(url, max));
      }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (result.isDone()) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if (!keep) {
          continue;
        }
        if (size + (long) b.remaining() > max) {
          result.completeExceptionally(new TooLarge(url, max));
          subscription.cancel();
          return;
        }
        if (size + b.remaining() > data.length) {
          data =
              java.util.Arrays.copyOf(
                  data, Math.min(max, Math.max(size + b.remaining(), data.length * 2)));
        }
        int n = b.remaining();
        b.get(data, size, n);
        size += n;
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(java.util.Arrays.copyOf(data, size));
    }
  }
}
