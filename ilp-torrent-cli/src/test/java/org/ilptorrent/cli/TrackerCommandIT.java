package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
