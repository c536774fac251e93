package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Oversized, malformed and flooding clients get errors; the server keeps serving others. */
class HostileInputIT {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> spendUnknown(URI base) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/balances/nobody:spend"))
            .header("Payment-Pointer", "0".repeat(64))
            .POST(HttpRequest.BodyPublishers.ofString("1"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tenMegabyteBodiesAreRefusedUnread() throws Exception {
    try (ReceiptVerifierServer server = ReceiptVerifierServer.builder().start();
        Socket socket = new Socket("127.0.0.1", server.port())) {
      // Only the headers are sent: the answer must come from Content-Length alone.
      socket
          .getOutputStream()
          .write(
              ("POST /balances/a:creditReceipt HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      + (10 << 20)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(30_000);
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      assertThat(spendUnknown(server.uri()).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void garbageAndIdleConnectionsDoNotStopService() throws Exception {
    try (ReceiptVerifierServer server = ReceiptVerifierServer.builder().start()) {
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          idle.add(new Socket("127.0.0.1", server.port()));
        }
        try (Socket garbage = new Socket("127.0.0.1", server.port())) {
          OutputStream out = garbage.getOutputStream();
          out.write("\u0000\u0001NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        try (Socket huge = new Socket("127.0.0.1", server.port())) {
          OutputStream out = huge.getOutputStream();
          out.write(
              ("POST /balances/" + "a".repeat(100_000) + ":spend HTTP/1.1\r\nHost: x\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        HttpResponse<String> r = spendUnknown(server.uri());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("balance does not exist");
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
    }
  }
}
