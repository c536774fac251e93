package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;

/** {@code ilp-torrent tracker} as a process: prints its announce URL and answers announces. */
class TrackerCommandIT {

  @Test
  void printsItsAnnounceUrlAndServes() throws Exception {
    int port = TestEnvironment.freePort();
    Process p =
        new ProcessBuilder(
                TestEnvironment.launcher().toString(), "tracker", "--port", Integer.toString(port))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String line =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertThat(line).isEqualTo("announce ws://127.0.0.1:" + port);

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
