package org.ilptorrent.tracker.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpHeadParserTest {
  private final HttpHeadParser parser = new HttpHeadParser(1024, 10);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 1);

  private HttpRequest parse(String head) throws HttpHeadParser.BadRequest {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    int end = parser.headEnd(b, b.length);
    assertThat(end).isEqualTo(b.length);
    return parser.parse(b, end, REMOTE);
  }

  @Test
  void splitsTargetAndLowerCasesHeaderNames() throws Exception {
    HttpRequest r =
        parse("GET /announce?info_hash=%AA&x HTTP/1.1\r\nHost: t\r\nX-Two: a\r\nx-two: b\r\n\r\n");
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.rawPath()).isEqualTo("/announce");
    assertThat(r.rawQuery()).isEqualTo("info_hash=%AA&x");
    assertThat(r.headers().get("x-two")).containsExactly("a", "b");
    assertThat(r.keepAlive()).isTrue();
    assertThat(r.isWebSocketUpgrade()).isFalse();
  }

  @Test
  void knowsUpgradesAndConnectionClose() throws Exception {
    assertThat(parse("GET / HTTP/1.1\r\nUpgrade: WebSocket\r\n\r\n").isWebSocketUpgrade()).isTrue();
    assertThat(parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
    assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
    assertThat(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive()).isTrue();
  }

  @Test
  void findsTheEndOfAHeadFedInPieces() throws Exception {
    byte[] b = "GET / HTTP/1.1\r\nHost: t\r\n\r\nEXTRA".getBytes(StandardCharsets.US_ASCII);
    for (int length = 0; length < 27; length++) {
      assertThat(parser.headEnd(b, length)).as("after %d bytes", length).isEqualTo(-1);
    }
    assertThat(parser.headEnd(b, b.length)).isEqualTo(27);
  }

  @Test
  void bodiesNeedOneValidContentLength() throws Exception {
    assertThat(HttpHeadParser.bodyLength(parse("POST /t HTTP/1.1\r\n\r\n"), 10)).isZero();
    assertThat(
            HttpHeadParser.bodyLength(parse("POST /t HTTP/1.1\r\nContent-Length: 10\r\n\r\n"), 10))
        .isEqualTo(10);
    assertStatus(
        () ->
            HttpHeadParser.bodyLength(parse("POST /t HTTP/1.1\r\nContent-Length: 11\r\n\r\n"), 10),
        413);
    assertStatus(
        () ->
            HttpHeadParser.bodyLength(
                parse("POST /t HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n"), 10),
        400);
    assertStatus(
        () ->
            HttpHeadParser.bodyLength(parse("POST /t HTTP/1.1\r\nContent-Length: 0x1\r\n\r\n"), 10),
        400);
    assertStatus(
        () ->
            HttpHeadParser.bodyLength(
                parse("POST /t HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), 10),
        411);
  }

  @Test
  void refusesMalformedHeadsWithTheirStatus() {
    assertStatus(() -> parse("GET /\r\n\r\n"), 400);
    assertStatus(() -> parse("get / HTTP/1.1\r\n\r\n"), 400);
    assertStatus(() -> parse("GET * HTTP/1.1\r\n\r\n"), 400);
    assertStatus(() -> parse("GET / HTTP/9\r\n\r\n"), 505);
    assertStatus(() -> parse("GET /\u0001 HTTP/1.1\r\n\r\n"), 400);
    assertStatus(() -> parse("GET / HTTP/1.1\r\n: empty\r\n\r\n"), 400);
    assertStatus(() -> parse("GET / HTTP/1.1\r\n folded: x\r\n\r\n"), 400);
    assertStatus(() -> parse("GET / HTTP/1.1\r\nbad name: x\r\n\r\n"), 400);
    assertStatus(() -> parse("GET / HTTP/1.1\r\n" + "A: b\r\n".repeat(11) + "\r\n"), 431);
    byte[] big = ("GET /" + "a".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
    assertStatus(() -> parser.headEnd(big, big.length), 431);
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButBadRequest() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      byte[] b = new byte[random.nextInt(300)];
      random.nextBytes(b);
      if (random.nextBoolean() && b.length > 4) {
        b[b.length - 4] = '\r';
        b[b.length - 3] = '\n';
        b[b.length - 2] = '\r';
        b[b.length - 1] = '\n';
      }
      try {
        int end = parser.headEnd(b, b.length);
        if (end > 0) {
          parser.parse(b, end, REMOTE);
        }
      } catch (HttpHeadParser.BadRequest e) {
        assertThat(e.status()).isIn(400, 431, 505);
      }
    }
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertStatus(Call call, int status) {
    assertThatThrownBy(call::run)
        .isInstanceOf(HttpHeadParser.BadRequest.class)
        .satisfies(e -> assertThat(((HttpHeadParser.BadRequest) e).status()).isEqualTo(status));
  }
}
