package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ilp-torrent tracker} as a process: prints its announce URLs and answers announces. */
class TrackerCommandIT {

  @TempDir Path dir;

  @Test
  void printsItsAnnounceUrlsAndServes() throws Exception {
    int port = TestEnvironment.freePort();
    Path data = dir.resolve("data");
    Process p =
        new ProcessBuilder(
                TestEnvironment.launcher().toString(),
                "tracker",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("announce ws://127.0.0.1:" + port);
      assertThat(out.readLine()).isEqualTo("announce http://127.0.0.1:" + port + "/announce");
      assertThat(Files.exists(data.resolve("tracker.journal"))).isTrue();
      assertThat(
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body())
          .startsWith("{\"torrents\":0,");

      CompletableFuture<String> reply = new CompletableFuture<>();
      WebSocket ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                      reply.complete(data.toString());
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      String id = "a".repeat(20);
      ws.sendText(
          "{\"action\":\"announce\",\"info_hash\":\""
              + id
              + "\",\"peer_id\":\""
              + id
              + "\",\"event\":\"started\",\"left\":0}",
          true);
      assertThat(reply.get(10, TimeUnit.SECONDS))
          .contains("\"action\":\"announce\"", "\"complete\":1");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void printsAnAnnounceLinePerTrackerAndAnswersOverUdp() throws Exception {
    int port = TestEnvironment.freePort();
    int httpPort = TestEnvironment.freePort();
    int udpPort;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udpPort = probe.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                TestEnvironment.launcher().toString(),
                "tracker",
                "--port",
                Integer.toString(port),
                "--http-port",
                Integer.toString(httpPort),
                "--udp-port",
                Integer.toString(udpPort))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).isEqualTo("announce ws://127.0.0.1:" + port);
      assertThat(lines.readLine()).isEqualTo("announce http://127.0.0.1:" + httpPort + "/announce");
      assertThat(lines.readLine()).isEqualTo("announce udp://127.0.0.1:" + udpPort);

      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        udp.setSoTimeout(10_000);
        byte[] connect =
            HexFormat.of()
                .parseHex(
                    "0000041727101980" // protocol id
                        + "00000000" // action: connect
                        + "00000457"); // transaction id
        udp.send(
            new DatagramPacket(connect, connect.length, InetAddress.getLoopbackAddress(), udpPort));
        DatagramPacket answer = new DatagramPacket(new byte[64], 64);
        udp.receive(answer);
        assertThat(answer.getLength()).isEqualTo(16);
        assertThat(HexFormat.of().formatHex(answer.getData(), 0, 8))
            .isEqualTo("00000000" + "00000457");
      }
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void printsTheOperatorTokenOnceWhenItIsCreatedAndRequiresIt() throws Exception {
    int port = TestEnvironment.freePort();
    Path data = dir.resolve("data");
    Path firstErr = dir.resolve("first.err");
    String token;
    Process first = tracker(port, data, firstErr);
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("announce ws://127.0.0.1:" + port);
      String line = Files.readString(firstErr).lines().findFirst().orElseThrow();
      assertThat(line)
          .matches("operator token: [A-Za-z0-9_-]{43} \\(saved in .*\\)")
          .endsWith("(saved in " + data.resolve("operator-token") + ")");
      token = line.substring("operator token: ".length(), line.indexOf(' ', 16));
      assertThat(Files.readString(data.resolve("operator-token")).strip()).isEqualTo(token);

      HttpResponse<String> anonymous =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/torrents"))
                      .POST(HttpRequest.BodyPublishers.ofString("d4:infoi1ee"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      HttpResponse<String> operator =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/torrents"))
                      .header("Authorization", "Bearer " + token)
                      .POST(HttpRequest.BodyPublishers.ofString("d4:infoi1ee"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(operator.statusCode()).as("past the token, the body is judged").isEqualTo(400);
    } finally {
      first.destroy();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    Path secondErr = dir.resolve("second.err");
    Process second = tracker(port, data, secondErr);
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("announce ws://127.0.0.1:" + port);
    } finally {
      second.destroy();
      assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(secondErr)).doesNotContain("operator token").doesNotContain(token);
  }

  private static Process tracker(int port, Path data, Path stderr) throws Exception {
    return new ProcessBuilder(
            TestEnvironment.launcher().toString(),
            "tracker",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString())
        .redirectError(stderr.toFile())
        .start();
  }
}
