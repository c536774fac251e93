package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code add} with an http URL of a .torrent, against a real HTTP server on 127.0.0.1 that also
 * misbehaves: redirects, errors, oversized bodies with and without a length, silence.
 */
class TorrentUrlIT {
  private static final int SIXTEEN_MIB = 16 << 20;

  @TempDir Path seedDir;
  @TempDir Path leechDir;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** Answers each connection by the request path; one thread per connection. */
  private static final class Server implements AutoCloseable {
    final ServerSocket socket;
    final byte[] torrent;

    Server(byte[] torrent) throws IOException {
      this.torrent = torrent;
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::acceptLoop, "torrent-url-server");
      t.setDaemon(true);
      t.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread t = new Thread(() -> answer(s), "torrent-url-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void answer(Socket s) {
      try (s) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String path = in.readLine().split(" ")[1];
        for (String line = in.readLine(); line != null && !line.isEmpty(); ) {
          line = in.readLine();
        }
        OutputStream out = s.getOutputStream();
        switch (path) {
          case "/a.torrent" -> respond(out, "200 OK", torrent, true);
          case "/moved" -> head(out, "302 Found", "Location: /a.torrent\r\nContent-Length: 0\r\n");
          case "/gone" -> respond(out, "404 Not Found", "no".getBytes(), true);
          case "/not-a-torrent" -> respond(out, "200 OK", "<html>hello</html>".getBytes(), true);
          case "/huge-declared" ->
              head(out, "200 OK", "Content-Length: " + (SIXTEEN_MIB + 1) + "\r\n");
          case "/huge-streamed" -> {
            head(out, "200 OK", "Connection: close\r\n");
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent <= SIXTEEN_MIB + chunk.length; sent += chunk.length) {
              out.write(chunk);
            }
          }
          case "/silent" -> Thread.sleep(60_000); // a server that never answers
          default -> respond(out, "500 Oops", new byte[0], true);
        }
        out.flush();
      } catch (IOException | InterruptedException e) {
        // the client went away, as it should for the oversized and silent cases
      }
    }

    private static void head(OutputStream out, String status, String headers) throws IOException {
      out.write(("HTTP/1.1 " + status + "\r\n" + headers + "\r\n").getBytes());
    }

    private static void respond(OutputStream out, String status, byte[] body, boolean length)
        throws IOException {
      head(out, status, length ? "Content-Length: " + body.length + "\r\n" : "");
      out.write(body);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aTorrentUrlIsFetchedFollowingRedirectsAndDownloads() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "a.bin", 300_000, 16 * 1024, 1);
    Server server = new Server(meta.toTorrentFile());
    open.add(server);
    WebTorrent seeder = Swarms.client(seedDir);
    open.add(seeder);
    WebTorrent leecher = Swarms.client(leechDir);
    open.add(leecher);
    awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
    Torrent t =
        leecher.add(server.url("/moved"), AddOptions.builder().addPeer(address(seeder)).build());
    assertThat(t.metadata()).contains(meta);
    awaitDone(t);
    Swarms.assertSameFiles(seedDir.resolve("a.bin"), leechDir.resolve("a.bin"));
  }

  @Test
  void aBadUrlFailsWithAMessageNamingItAndWhy() throws Exception {
    Server server = new Server(new byte[0]);
    open.add(server);
    WebTorrent leecher =
        WebTorrent.builder().downloadFolder(leechDir).fetchTimeout(Duration.ofSeconds(2)).start();
    open.add(leecher);
    AddOptions o = AddOptions.defaults();
    assertThatThrownBy(() -> leecher.add(server.url("/gone"), o))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot fetch " + server.url("/gone") + ": HTTP 404");
    assertThatThrownBy(() -> leecher.add(server.url("/huge-declared"), o))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger than " + SIXTEEN_MIB + " bytes");
    assertThatThrownBy(() -> leecher.add(server.url("/huge-streamed"), o))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger than " + SIXTEEN_MIB + " bytes");
    assertThatThrownBy(() -> leecher.add(server.url("/silent"), o))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot fetch " + server.url("/silent") + ": no answer within 2 s");
    assertThatThrownBy(() -> leecher.add(server.url("/not-a-torrent"), o))
        .isInstanceOf(InvalidTorrentException.class);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> leecher.add("http://127.0.0.1:" + closedPort + "/x.torrent", o))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot fetch http://127.0.0.1:" + closedPort + "/x.torrent");
    assertThat(leecher.torrents()).isEmpty();
  }
}
