package org.ilptorrent.webtorrent.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentFile;
import org.ilptorrent.webtorrent.WebTorrent;

/**
 * What a torrent server answers: {@code GET /} lists the free torrents and their files, {@code
 * /<token>/} every torrent; {@code /[<token>/]<infohash>/} lists one torrent's files and {@code
 * /[<token>/]<infohash>/<file path or index>} serves a file, with one byte range at most. A paid
 * torrent exists only under the token: without it, it is a 404 like an unknown one.
 *
 * <p>A file is read through {@link TorrentFile#newChannel()}: a read waits for the pieces it needs
 * and makes them (and the next two) critical, so a player seeking in a file being downloaded gets
 * the bytes it asks for first. It is sent in {@link #CHUNK} pieces, never buffered whole.
 */
public final class TorrentRoutes implements BlockingHttpServer.Handler {
  /** Bytes read from the torrent and written to the client at a time. */
  static final int CHUNK = 64 * 1024;

  private final WebTorrent client;
  private final TorrentPaths paths;
  private final boolean loopbackHostsOnly;

  /**
   * Routes to {@code client}'s torrents. With {@code loopbackHostsOnly} (a server bound to a
   * loopback address), a request whose {@code Host} is not {@code localhost} or a loopback address
   * is refused with 403, so a web page cannot reach the server through a name it rebinds to
   * 127.0.0.1 (DNS rebinding).
   */
  public TorrentRoutes(WebTorrent client, TorrentPaths paths, boolean loopbackHostsOnly) {
    this.client = client;
    this.paths = paths;
    this.loopbackHostsOnly = loopbackHostsOnly;
  }

  @Override
  public void handle(RequestHead request, HttpResponse response) throws IOException, HttpException {
    response.header("Referrer-Policy", "no-referrer");
    checkHost(request);
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      // a body may follow that is not read: the connection closes after the answer
      response.header("Allow", "GET, HEAD").closeAfter();
      response.sendText(405, "method not allowed: only GET and HEAD");
      return;
    }
    if (!request.all("transfer-encoding").isEmpty()
        || request.all("content-length").stream().anyMatch(v -> !v.equals("0"))) {
      throw new HttpException(400, "a GET or HEAD request has no body");
    }
    List<String> segments = RequestPath.segments(request.target());
    boolean withToken = false;
    if (!segments.isEmpty() && infoHash(segments.get(0)).isEmpty()) {
      if (!paths.isToken(segments.get(0))) {
        throw new HttpException(404, "not found");
      }
      withToken = true;
      segments = segments.subList(1, segments.size());
    }
    if (segments.isEmpty() || segments.equals(List.of(""))) {
      List<Torrent> shown =
          withToken
              ? client.torrents()
              : client.torrents().stream().filter(t -> !t.isPaid()).toList();
      sendPage(response, HtmlListing.page("Torrents", shown, paths, withToken));
      return;
    }
    Optional<InfoHash> hash = infoHash(segments.get(0));
    if (hash.isEmpty()) {
      throw new HttpException(404, "not found");
    }
    boolean mayPaid = withToken;
    Torrent torrent =
        client
            .torrent(hash.get())
            .filter(t -> mayPaid || !t.isPaid())
            .orElseThrow(() -> new HttpException(404, "no such torrent"));
    List<String> rest = segments.subList(1, segments.size());
    if (rest.isEmpty() || rest.equals(List.of(""))) {
      sendPage(response, HtmlListing.page(torrent.name(), List.of(torrent), paths, withToken));
      return;
    }
    List<TorrentFile> files = torrent.files();
    if (files.isEmpty()) {
      response.header("Retry-After", "1").sendText(503, "metadata not known yet");
      return;
    }
    serve(request, response, file(files, rest));
  }

  private static void sendPage(HttpResponse response, byte[] html) throws IOException {
    response.header("Cache-Control", "no-store");
    response.send(200, "text/html; charset=utf-8", html);
  }

  private static TorrentFile file(List<TorrentFile> files, List<String> path) throws HttpException {
    for (TorrentFile f : files) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    String only = path.size() == 1 ? path.get(0) : "";
    if (!only.isEmpty() && only.length() < 10 && only.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(only);
      if (index < files.size()) {
        return files.get(index);
      }
    }
    throw new HttpException(404, "no such file");
  }

  private void serve(RequestHead request, HttpResponse response, TorrentFile file)
      throws IOException {
    long length = file.length();
    String type = MediaTypes.of(file.path().get(file.path().size() - 1));
    response
        .header("Accept-Ranges", "bytes")
        .header("Content-Type", type)
        .header("X-Content-Type-Options", "nosniff");
    if (type.startsWith("text/html")) {
      // a page from a torrent runs in an opaque origin: it cannot read this server's other URLs
      response.header("Content-Security-Policy", "sandbox");
    }
    ByteRange range = ByteRange.of(request.all("range"), length);
    if (range instanceof ByteRange.Unsatisfiable) {
      response.header("Content-Range", "bytes */" + length);
      response.sendText(416, "range not satisfiable: the file has " + length + " bytes");
      return;
    }
    long first = 0;
    long count = length;
    int status = 200;
    if (range instanceof ByteRange.Part part) {
      first = part.first();
      count = part.length();
      status = 206;
      response.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + length);
    }
    OutputStream body = response.body(status, count);
    if (request.method().equals("HEAD") || count == 0) {
      return;
    }
    try (SeekableByteChannel channel = file.newChannel()) {
      channel.position(first);
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, count));
      for (long left = count; left > 0; ) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
        int n = channel.read(buffer);
        if (n < 0) {
          throw new EOFException("file ended early");
        }
        body.write(buffer.array(), 0, n);
        left -= n;
      }
    }
    body.flush();
  }

  private void checkHost(RequestHead request) throws HttpException {
    List<String> hosts = request.all("host");
    if (hosts.size() > 1 || (hosts.isEmpty() && request.version().equals("HTTP/1.1"))) {
      throw new HttpException(400, "an HTTP/1.1 request needs one Host field");
    }
    if (!loopbackHostsOnly || hosts.isEmpty() || isLoopback(hosts.get(0))) {
      return;
    }
    throw new HttpException(403, "Host must be localhost or a loopback address");
  }

  /** Whether a Host value names this machine by loopback: localhost, 127.x.y.z or [::1]. */
  static boolean isLoopback(String host) {
    String name;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end < 0) {
        return false;
      }
      name = host.substring(1, end);
    } else {
      int colon = host.indexOf(':');
      name = colon < 0 ? host : host.substring(0, colon);
    }
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!name.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      // an IP literal: no lookup is made
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<InfoHash> infoHash(String segment) {
    if (segment.length() != 40 || !segment.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(InfoHash.fromHex(segment.toLowerCase(java.util.Locale.ROOT)));
  }
}
