package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.RawHttp;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TorrentServer} over real HTTP: the JDK's HttpClient, and raw sockets for what it won't
 * send.
 */
class TorrentServerIT {
  private static final String NAME = "a<b>&\"c'";
  private static final int PIECE = 32 * 1024;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path seedDir;
  @TempDir Path leechDir;

  private TorrentInfo meta;
  private byte[] film;
  private WebTorrent seeder;
  private Torrent seeding;
  private TorrentServer server;

  @BeforeEach
  void seedATorrentAndServeIt() throws Exception {
    Path root = seedDir.resolve(NAME);
    Swarms.writeRandom(root.resolve("film.mp4"), 1_000_003, 1);
    Swarms.writeRandom(root.resolve("sub dir/notes <1>.txt"), 5_000, 2);
    Files.createDirectories(root.resolve("empty"));
    Files.write(root.resolve("empty/zero.bin"), new byte[0]);
    meta = Swarms.create(root, PIECE);
    film = Files.readAllBytes(root.resolve("film.mp4"));
    seeder = client(seedDir);
    seeding = seeder.seed(meta, seedDir, SeedOptions.defaults());
    awaitDone(seeding);
    server = seeder.createServer(ServerOptions.defaults());
  }

  @AfterEach
  void close() {
    seeder.close();
  }

  private TorrentFile file(Torrent t, String last) {
    return t.files().stream()
        .filter(f -> f.path().get(f.path().size() - 1).equals(last))
        .findFirst()
        .orElseThrow();
  }

  /** The film's index in the torrent's files (which are sorted: empty/zero.bin comes first). */
  private int filmIndex() {
    List<String> paths = seeding.files().stream().map(f -> String.join("/", f.path())).toList();
    return paths.indexOf(NAME + "/film.mp4");
  }

  private static HttpResponse<byte[]> get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> range(URI uri, String range) throws Exception {
    return get(uri, "Range", range);
  }

  @Test
  void theListingShowsTorrentsAndFilesWithEscapedNamesAndItsLinksWork() throws Exception {
    assertThat(server.url()).hasToString("http://127.0.0.1:" + server.port() + "/");
    HttpResponse<byte[]> page = get(server.url());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
    String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(html)
        .contains("a&lt;b&gt;&amp;&quot;c&#39;/sub dir/notes &lt;1&gt;.txt")
        .doesNotContain(NAME, "<1>");
    Matcher links = Pattern.compile("href=\"([^\"]+)\"").matcher(html);
    List<String> hrefs = links.results().map(m -> m.group(1)).toList();
    String hex = meta.infoHash().toHex();
    assertThat(hrefs)
        .containsExactlyInAnyOrder(
            "/" + hex + "/",
            "/" + hex + "/a%3Cb%3E%26%22c%27/film.mp4",
            "/" + hex + "/a%3Cb%3E%26%22c%27/sub%20dir/notes%20%3C1%3E.txt",
            "/" + hex + "/a%3Cb%3E%26%22c%27/empty/zero.bin");
    for (TorrentFile f : seeding.files()) {
      URI u = server.fileUrl(seeding, f);
      assertThat(hrefs).contains(u.getRawPath());
      HttpResponse<byte[]> got = get(u);
      assertThat(got.statusCode()).isEqualTo(200);
      Path onDisk = seedDir.resolve(String.join("/", f.path()));
      assertThat(got.body()).isEqualTo(Files.readAllBytes(onDisk));
    }
    HttpResponse<byte[]> torrentPage = get(server.url(seeding));
    assertThat(torrentPage.statusCode()).isEqualTo(200);
    assertThat(new String(torrentPage.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("film.mp4");
  }

  @Test
  void aFileIsServedWholeWithItsTypeAndHeadSaysTheSameWithoutABody() throws Exception {
    TorrentFile f = file(seeding, "film.mp4");
    URI u = server.fileUrl(seeding, f);
    HttpResponse<byte[]> whole = get(u);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(film);
    assertThat(whole.headers().firstValue("content-type")).contains("video/mp4");
    assertThat(whole.headers().firstValue("accept-ranges")).contains("bytes");
    assertThat(whole.headers().firstValueAsLong("content-length")).hasValue(film.length);
    HttpResponse<byte[]> head =
        HTTP.send(
            HttpRequest.newBuilder(u).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("content-length")).hasValue(film.length);
    assertThat(head.headers().firstValue("content-type")).contains("video/mp4");
    // by index, as webtorrent-cli prints it
    URI byIndex = server.url().resolve(meta.infoHash().toHex() + "/" + filmIndex());
    assertThat(get(byIndex).body()).isEqualTo(film);
    assertThat(
            get(server.fileUrl(seeding, file(seeding, "notes <1>.txt")))
                .headers()
                .firstValue("content-type"))
        .contains("text/plain; charset=utf-8");
    HttpResponse<byte[]> empty = get(server.fileUrl(seeding, file(seeding, "zero.bin")));
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).isEmpty();
  }

  @Test
  void rangesAreServedAs206AndManySeeksInARowGetTheirBytes() throws Exception {
    URI u = server.fileUrl(seeding, file(seeding, "film.mp4"));
    int n = film.length;
    assertPart(range(u, "bytes=0-0"), 0, 0);
    assertPart(range(u, "bytes=" + (n - 1) + "-" + (n - 1)), n - 1, n - 1);
    assertPart(range(u, "bytes=-100"), n - 100, n - 1);
    assertPart(range(u, "bytes=999000-"), 999_000, n - 1);
    assertPart(range(u, "bytes=-99999999"), 0, n - 1);
    assertPart(range(u, "bytes=10-99999999999"), 10, n - 1);
    Random random = new Random(3);
    for (int i = 0; i < 40; i++) {
      int first = random.nextInt(n);
      int last = Math.min(n - 1, first + random.nextInt(3 * PIECE));
      assertPart(range(u, "bytes=" + first + "-" + last), first, last);
    }
    HttpResponse<byte[]> head =
        HTTP.send(
            HttpRequest.newBuilder(u)
                .header("Range", "bytes=5-9")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(206);
    assertThat(head.headers().firstValue("content-range")).contains("bytes 5-9/" + n);
    assertThat(head.body()).isEmpty();
  }

  private void assertPart(HttpResponse<byte[]> r, int first, int last) {
    assertThat(r.statusCode()).as("status for %d-%d", first, last).isEqualTo(206);
    assertThat(r.headers().firstValue("content-range"))
        .contains("bytes " + first + "-" + last + "/" + film.length);
    assertThat(r.headers().firstValueAsLong("content-length")).hasValue(last - first + 1);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(film, first, last + 1));
  }

  @Test
  void unsatisfiableRangesAre416AndMalformedOnesAreIgnored() throws Exception {
    URI u = server.fileUrl(seeding, file(seeding, "film.mp4"));
    for (String bad : List.of("bytes=" + film.length + "-", "bytes=2000000-3000000", "bytes=-0")) {
      HttpResponse<byte[]> r = range(u, bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(416);
      assertThat(r.headers().firstValue("content-range")).contains("bytes */" + film.length);
    }
    for (String ignored : List.of("bytes=5-1", "bytes=abc", "items=0-1", "bytes=0-1,5-6")) {
      HttpResponse<byte[]> r = range(u, ignored);
      assertThat(r.statusCode()).as(ignored).isEqualTo(200);
      assertThat(r.body()).isEqualTo(film);
    }
  }

  @Test
  void badPathsAre400UnknownOnes404OtherMethods405() throws Exception {
    String hex = meta.infoHash().toHex();
    int port = server.port();
    assertThat(raw(port, "GET /" + hex + "/../" + hex + "/0 HTTP/1.1")).isEqualTo(400);
    assertThat(raw(port, "GET /" + hex + "/%2e%2e/x HTTP/1.1")).isEqualTo(400);
    assertThat(raw(port, "GET /" + hex + "/film%00.mp4 HTTP/1.1")).isEqualTo(400);
    assertThat(raw(port, "GET /" + hex + "/%zz HTTP/1.1")).isEqualTo(400);
    assertThat(raw(port, "GET /" + hex + "//0 HTTP/1.1")).isEqualTo(400);
    assertThat(raw(port, "GET http://127.0.0.1/ HTTP/1.1")).isEqualTo(400);
    assertThat(raw(port, "GET / HTTP/2.0")).isEqualTo(505);
    assertThat(raw(port, "GET /" + hex + "/7 HTTP/1.1")).isEqualTo(404);
    assertThat(raw(port, "GET /" + hex + "/nope.mp4 HTTP/1.1")).isEqualTo(404);
    assertThat(raw(port, "GET /" + "0".repeat(40) + "/0 HTTP/1.1")).isEqualTo(404);
    assertThat(raw(port, "GET /favicon.ico HTTP/1.1")).isEqualTo(404);
    assertThat(raw(port, "POST / HTTP/1.1", "Content-Length: 3")).isEqualTo(405);
    assertThat(raw(port, "DELETE /" + hex + "/0 HTTP/1.1")).isEqualTo(405);
    assertThat(raw(port, "GET / HTTP/1.1", "Content-Length: 3")).isEqualTo(400);
    try (Socket s = RawHttp.connect(port)) {
      RawHttp.send(s, "PUT / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(RawHttp.read(s).headers()).containsEntry("allow", "GET, HEAD");
    }
  }

  @Test
  void aRefusedRequestWithABodyStillGetsItsAnswer() throws Exception {
    // the body is never read: the answer still arrives whole, and the connection closes
    try (Socket s = RawHttp.connect(server.port())) {
      RawHttp.send(
          s,
          "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 300000\r\n\r\n"
              + "x".repeat(300_000));
      RawHttp.Answer a = RawHttp.read(s);
      assertThat(a.status()).isEqualTo(405);
      assertThat(a.closes()).isTrue();
      assertThat(RawHttp.closedWithin(s, 5000)).isTrue();
    }
  }

  @Test
  void theHostMustBeLoopbackAndHttp11NeedsOne() throws Exception {
    int port = server.port();
    try (Socket s = RawHttp.connect(port)) {
      RawHttp.send(s, "GET / HTTP/1.1\r\n\r\n");
      assertThat(RawHttp.read(s).status()).isEqualTo(400);
    }
    for (String host : List.of("evil.example", "evil.example:" + port, "10.0.0.1", "[::2]")) {
      try (Socket s = RawHttp.connect(port)) {
        RawHttp.send(s, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertThat(RawHttp.read(s).status()).as(host).isEqualTo(403);
      }
    }
    for (String host : List.of("localhost:" + port, "127.0.0.1", "127.1.2.3:9", "[::1]:" + port)) {
      try (Socket s = RawHttp.connect(port)) {
        RawHttp.send(s, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertThat(RawHttp.read(s).status()).as(host).isEqualTo(200);
      }
    }
    try (Socket s = RawHttp.connect(port)) {
      RawHttp.send(s, "GET / HTTP/1.0\r\n\r\n");
      RawHttp.Answer a = RawHttp.read(s);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.closes()).isTrue();
    }
  }

  @Test
  void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
    String hex = meta.infoHash().toHex();
    try (Socket s = RawHttp.connect(server.port())) {
      String get =
          "GET /" + hex + "/" + filmIndex() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=";
      RawHttp.send(s, get + "0-3\r\n\r\n" + get + "-2\r\n\r\n" + "GET /nope HTTP/1.1\r\n\r\n");
      RawHttp.Answer a = RawHttp.read(s);
      assertThat(a.status()).isEqualTo(206);
      assertThat(a.headers()).containsEntry("content-range", "bytes 0-3/" + film.length);
      RawHttp.Answer b = RawHttp.read(s);
      assertThat(b.headers())
          .containsEntry("content-range", "bytes 1000001-1000002/" + film.length);
      RawHttp.Answer c = RawHttp.read(s);
      assertThat(c.status()).isEqualTo(400); // no Host
      assertThat(c.closes()).isTrue();
      assertThat(RawHttp.closedWithin(s, 5000)).isTrue();
    }
  }

  /** The status of one raw request line (with a Host field and any extra fields). */
  private static int raw(int port, String requestLine, String... fields) throws IOException {
    try (Socket s = RawHttp.connect(port)) {
      StringBuilder b = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
      for (String f : fields) {
        b.append(f).append("\r\n");
      }
      RawHttp.send(s, b.append("\r\n").toString());
      return RawHttp.read(s).status();
    }
  }

  @Test
  void aPaidTorrentIsServedOnlyUnderTheServersToken() throws Exception {
    Path file = seedDir.resolve("paid/paid.mp4");
    Swarms.writeRandom(file, 100_000, 5);
    License license =
        License.ofPrice(
            PaymentPointer.parse("http://127.0.0.1:1/spsp/" + "ab".repeat(32)),
            URI.create("http://127.0.0.1:1"),
            new BigDecimal("0.50"),
            "USD",
            9);
    TorrentInfo paid =
        TorrentInfo.parse(
            TorrentCreator.builder()
                .addPath(file)
                .license(license)
                .noCreationDate()
                .build()
                .create()
                .torrentFile());
    Torrent t = seeder.seed(paid, seedDir.resolve("paid"), SeedOptions.defaults());
    awaitDone(t);
    assertThat(t.isPaid()).isTrue();
    URI url = server.fileUrl(t, t.files().get(0));
    String hex = paid.infoHash().toHex();
    assertThat(url.getRawPath()).matches("/[A-Za-z0-9_-]{43}/" + hex + "/paid\\.mp4");
    HttpResponse<byte[]> got = get(url);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(Files.readAllBytes(file));
    // without the token (or with another one) the torrent does not exist
    assertThat(get(server.url().resolve(hex + "/paid.mp4")).statusCode()).isEqualTo(404);
    assertThat(get(server.url().resolve(hex + "/0")).statusCode()).isEqualTo(404);
    assertThat(get(server.url().resolve(hex + "/")).statusCode()).isEqualTo(404);
    String otherToken = "A".repeat(43);
    assertThat(get(server.url().resolve(otherToken + "/" + hex + "/0")).statusCode())
        .isEqualTo(404);
    String publicListing =
        new String(get(server.url()).body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(publicListing).doesNotContain(hex).contains(meta.infoHash().toHex());
    String token = url.getRawPath().split("/")[1];
    String privateListing =
        new String(
            get(server.url().resolve(token + "/")).body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(privateListing).contains(hex, meta.infoHash().toHex());
    assertThat(server.url(t).getRawPath()).isEqualTo("/" + token + "/" + hex + "/");
    // a second server has its own token: the first one's URL is a 404 there
    try (TorrentServer other = seeder.createServer(ServerOptions.defaults())) {
      assertThat(
              get(URI.create("http://127.0.0.1:" + other.port() + url.getRawPath())).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void aReadWaitsForMissingPiecesAndFetchesThemFirst() throws Exception {
    try (WebTorrent leecher = client(leechDir)) {
      Torrent t = leecher.add(meta, AddOptions.builder().build());
      TorrentServer local = leecher.createServer(ServerOptions.defaults());
      URI u = local.fileUrl(t, file(t, "film.mp4"));
      CompletableFuture<HttpResponse<byte[]>> answer =
          HTTP.sendAsync(
              HttpRequest.newBuilder(u).header("Range", "bytes=600000-700000").build(),
              BodyHandlers.ofByteArray());
      // no peer yet: the connection's thread waits for the piece
      awaitWaiting("ilp-webtorrent-http-" + local.port() + "-");
      assertThat(answer).isNotDone();
      t.addPeer(address(seeder));
      HttpResponse<byte[]> r = answer.get(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(206);
      assertThat(r.body()).isEqualTo(Arrays.copyOfRange(film, 600_000, 700_001));
      awaitDone(t);
    }
  }

  @Test
  void aClientThatHangsUpWhileWaitingFreesItsConnectionAndCloseFreesThePort() throws Exception {
    try (WebTorrent leecher = client(leechDir)) {
      Torrent t = leecher.add(meta, AddOptions.builder().build());
      TorrentServer local = leecher.createServer(ServerOptions.defaults());
      int port = local.port();
      String threads = "ilp-webtorrent-http-" + port;
      try (Socket s = RawHttp.connect(port)) {
        RawHttp.send(
            s,
            "GET "
                + local.fileUrl(t, file(t, "film.mp4")).getRawPath()
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        awaitWaiting(threads + "-");
      }
      assertThat(local.openConnections()).isEqualTo(1);
      t.addPeer(address(seeder));
      // the piece arrives, the write fails, the connection ends
      Await.until(
          "the hung-up connection to end",
          Duration.ofSeconds(60),
          () -> local.openConnections() == 0);
      awaitDone(t);
      assertThat(get(local.fileUrl(t, file(t, "film.mp4"))).body()).isEqualTo(film);

      // a reader waiting for a piece that will never come is released by close()
      Torrent other =
          leecher.add(
              TestTorrents.multiFile(PIECE, 9, 100_000).torrent(), AddOptions.builder().build());
      CompletableFuture<HttpResponse<byte[]>> stuck =
          HTTP.sendAsync(
              HttpRequest.newBuilder(local.fileUrl(other, other.files().get(0))).build(),
              BodyHandlers.ofByteArray());
      awaitWaiting(threads + "-");
      local.close();
      local.close(); // idempotent
      Await.until(
          "the server's threads to end",
          Duration.ofSeconds(10),
          () ->
              Thread.getAllStackTraces().keySet().stream()
                  .noneMatch(th -> th.getName().startsWith(threads)));
      assertThat(stuck).failsWithin(Duration.ofSeconds(10));
      try (ServerSocket again =
          new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        assertThat(again.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void closingTheClientClosesItsServers() throws Exception {
    int port = server.port();
    seeder.close();
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> seeder.createServer(ServerOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Waits until a thread whose name starts with {@code prefix} waits (for a piece). */
  private static void awaitWaiting(String prefix) {
    Await.until(
        "a thread " + prefix + "* to wait for a piece",
        Duration.ofSeconds(20),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .anyMatch(
                    th ->
                        th.getName().startsWith(prefix) && th.getState() == Thread.State.WAITING));
  }
}
