package org.ilptorrent.webtorrent.internal.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small blocking HTTP/1.1 server: one accepting thread ({@code <name>}) and one thread per open
 * connection ({@code <name>-N}, at most {@code maxConnections}; one more is answered 503 and
 * closed). Connections are persistent (HTTP/1.1 keep-alive) and closed after {@code idle} without a
 * request, after an error answer, or when the handler's body fails (the client hung up). Request
 * bodies are not read: the handler refuses requests that have one.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: on JDK 17 it flushes the response head on
 * its own before the body, and without {@code TCP_NODELAY} (which it sets only from a JVM-wide
 * system property) Nagle's algorithm then holds a small body until the client's delayed ACK, about
 * 40 ms per answer on Linux. Here every socket gets {@code TCP_NODELAY} and the head is buffered
 * with the body.
 */
public final class BlockingHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockingHttpServer.class);

  /** How long, and how much, a closing connection drains of what the client still sends. */
  private static final int LINGER_MILLIS = 1000;

  private static final long LINGER_BYTES = 1 << 20;

  /** Answers one request; it must answer (or throw) before returning. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers {@code request} through {@code response}.
     *
     * @throws HttpException to answer with an error status (only before the answer started)
     * @throws IOException when the answer cannot be written; the connection is then closed
     */
    void handle(RequestHead request, HttpResponse response) throws IOException, HttpException;
  }

  private final ServerSocket server;
  private final Handler handler;
  private final int idleMillis;
  private final Duration headTime;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private BlockingHttpServer(
      ServerSocket server, String name, int maxConnections, Duration idle, Handler handler) {
    this.server = server;
    this.handler = handler;
    this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idle.toMillis());
    this.headTime = idle;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            maxConnections,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, name);
    acceptor.setDaemon(true);
  }

  /**
   * Binds {@code address} and starts serving.
   *
   * @param name the accepting thread's name, and the prefix of the connection threads' names
   * @throws IOException when the address cannot be bound
   */
  public static BlockingHttpServer start(
      InetSocketAddress address, String name, int maxConnections, Duration idle, Handler handler)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(address, 64);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    BlockingHttpServer s =
        new BlockingHttpServer(
            socket, name + "-" + socket.getLocalPort(), maxConnections, idle, handler);
    s.acceptor.start();
    return s;
  }

  /** The address bound. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Connections open now. */
  public int openConnections() {
    return open.size();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("HTTP server on {} stopped accepting: {}", address(), e.toString());
        }
        return;
      }
      open.add(s);
      if (closed) {
        closeQuietly(s);
        return;
      }
      try {
        workers.execute(() -> serve(s));
      } catch (RejectedExecutionException e) {
        refuse(s);
      }
    }
  }

  /** Too many connections: a 503 without reading the request, then close. */
  private void refuse(Socket s) {
    try (s) {
      s.setSoTimeout(1000);
      s.getOutputStream()
          .write(
              ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      // the client left already
    } finally {
      open.remove(s);
    }
  }

  private void serve(Socket s) {
    boolean answered = false;
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(idleMillis);
      InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
      while (!closed && exchange(in, out)) {
        // next request on this connection
      }
      answered = true;
    } catch (SocketTimeoutException e) {
      // idle, or a client that stopped sending its head
    } catch (IOException e) {
      // the client hung up (or broke the framing), or the server is closing
      log.debug("HTTP connection ended: {}", e.toString());
    } finally {
      if (answered && !closed) {
        lingeringClose(s);
      }
      closeQuietly(s);
      open.remove(s);
    }
  }

  /**
   * Closes our side and reads what the client still sends (a request body we did not read, for one)
   * for a moment: closing a socket with unread input makes the kernel reset the connection, and the
   * client could lose the answer it has not read yet.
   */
  private static void lingeringClose(Socket s) {
    try {
      s.shutdownOutput();
      s.setSoTimeout(LINGER_MILLIS);
      InputStream in = s.getInputStream();
      byte[] sink = new byte[8192];
      long drained = 0;
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
      for (int n; drained < LINGER_BYTES && System.nanoTime() - until < 0; drained += n) {
        n = in.read(sink);
        if (n < 0) {
          return;
        }
      }
    } catch (IOException e) {
      // closed, reset or quiet: close now
    }
  }

  /** Reads and answers one request; whether the connection stays open. */
  private boolean exchange(InputStream in, OutputStream out) throws IOException {
    RequestHead head;
    try {
      head = RequestHeadReader.read(in, headTime);
    } catch (HttpException e) {
      new HttpResponse(out, false, true).sendText(e.status(), e.getMessage());
      return false;
    }
    if (head == null) {
      return false;
    }
    boolean isHead = head.method().equals("HEAD");
    HttpResponse response = new HttpResponse(out, isHead, !head.keepAlive());
    try {
      handler.handle(head, response);
    } catch (HttpException e) {
      if (response.committed()) {
        return false;
      }
      new HttpResponse(out, isHead, true).sendText(e.status(), e.getMessage());
      return false;
    } catch (RuntimeException e) {
      log.warn("HTTP handler failed on {} {}", head.method(), head.target(), e);
      if (!response.committed()) {
        new HttpResponse(out, isHead, true).sendText(500, "internal error");
      }
      return false;
    }
    if (!response.committed()) {
      new HttpResponse(out, isHead, true).sendText(500, "no answer");
      return false;
    }
    out.flush();
    return !response.closesAfter();
  }

  /**
   * Stops accepting, closes every connection (a reader blocked on a missing piece is interrupted)
   * and waits briefly for the threads to end. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    closeQuietly(server);
    open.forEach(BlockingHttpServer::closeQuietly);
    workers.shutdownNow();
    try {
      acceptor.join(5000);
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }
}
