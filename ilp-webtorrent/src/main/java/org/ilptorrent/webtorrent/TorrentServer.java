package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import org.ilptorrent.webtorrent.internal.http.BlockingHttpServer;
import org.ilptorrent.webtorrent.internal.http.TorrentPaths;
import org.ilptorrent.webtorrent.internal.http.TorrentRoutes;

/**
 * An HTTP server for a client's torrents, like WebTorrent's {@code client.createServer()}: a media
 * player or browser can play a file while it downloads. Made by {@link
 * WebTorrent#createServer(ServerOptions)}.
 *
 * <ul>
 *   <li>{@code GET /}: an HTML page listing the free torrents and their files;
 *   <li>{@code GET /<infohash>/}: one torrent's files;
 *   <li>{@code GET /<infohash>/<file path>} (the path as in {@link TorrentFile#path()}, each
 *       component percent-encoded) or {@code /<infohash>/<file index>}: the file, with {@code
 *       Range} (one byte range: 206 with {@code Content-Range}; unsatisfiable: 416; malformed or
 *       several ranges: ignored, 200), {@code HEAD}, {@code Accept-Ranges: bytes} and a {@code
 *       Content-Type} from the extension. Reads wait for missing pieces and make them critical, as
 *       {@link TorrentFile#newInputStream()} does.
 * </ul>
 *
 * <p>A paid torrent is served only under a random path token made for this server ({@code
 * /<token>/<infohash>/...}, with {@code /<token>/} listing every torrent): {@link #fileUrl} and
 * {@link #url(Torrent)} include it, so only whoever this process gives a URL to can fetch paid
 * content; other users of the machine get 404. Other methods than GET and HEAD get 405, a bad path
 * ({@code ..}, an encoded NUL, bad escapes) 400, anything unknown 404. Bound to a loopback address,
 * the server also refuses a {@code Host} that is not {@code localhost} or a loopback address (403),
 * which keeps web pages out through DNS rebinding.
 *
 * <p>Threads: {@code ilp-webtorrent-http-<port>} accepts; each connection has a daemon thread
 * {@code ilp-webtorrent-http-<port>-N}. {@link #close()} (or closing the client) releases the port
 * and every thread.
 */
public final class TorrentServer implements AutoCloseable {
  /** How long a connection may stay idle between requests, and the time a request head may take. */
  private static final Duration IDLE = Duration.ofSeconds(30);

  private final BlockingHttpServer http;
  private final TorrentPaths paths;
  private final String base;
  private final java.util.function.Consumer<TorrentServer> onClose;

  private TorrentServer(
      BlockingHttpServer http,
      TorrentPaths paths,
      java.util.function.Consumer<TorrentServer> onClose) {
    this.http = http;
    this.paths = paths;
    this.onClose = onClose;
    InetSocketAddress bound = http.address();
    InetAddress a = bound.getAddress();
    String host =
        a.isAnyLocalAddress()
            ? "127.0.0.1"
            : a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    this.base = "http://" + host + ":" + bound.getPort();
  }

  /** Starts serving {@code client}'s torrents; {@code onClose} hears when the server closes. */
  static TorrentServer start(
      WebTorrent client, ServerOptions options, java.util.function.Consumer<TorrentServer> onClose)
      throws IOException {
    Objects.requireNonNull(options, "options");
    InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
    if (address.isUnresolved()) {
      throw new IOException("cannot resolve " + options.host());
    }
    TorrentPaths paths = new TorrentPaths(new SecureRandom());
    TorrentRoutes routes =
        new TorrentRoutes(client, paths, address.getAddress().isLoopbackAddress());
    try {
      return new TorrentServer(
          BlockingHttpServer.start(
              address, "ilp-webtorrent-http", options.maxConnections(), IDLE, routes),
          paths,
          onClose);
    } catch (IOException e) {
      throw new IOException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
  }

  /** The TCP port the server listens on. */
  public int port() {
    return http.address().getPort();
  }

  /** The listing of the free torrents, such as {@code http://127.0.0.1:8000/}. */
  public URI url() {
    return URI.create(base + "/");
  }

  /** The page of {@code torrent}'s files (with the token when it is paid). */
  public URI url(Torrent torrent) {
    return URI.create(base + paths.torrent(torrent, false));
  }

  /**
   * The URL of {@code file} of {@code torrent}, to give a player (with the token when the torrent
   * is paid: keep such a URL to yourself).
   */
  public URI fileUrl(Torrent torrent, TorrentFile file) {
    return URI.create(base + paths.file(torrent, file, false));
  }

  /** Connections open now. */
  int openConnections() {
    return http.openConnections();
  }

  /**
   * Stops accepting, closes every connection (a read waiting for a piece ends) and stops the
   * threads. Idempotent.
   */
  @Override
  public void close() {
    http.close();
    onClose.accept(this);
  }

  @Override
  public String toString() {
    return "TorrentServer[" + base + "]";
  }
}
