package org.ilptorrent.webtorrent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestHeadReaderTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static RequestHead read(String s) throws Exception {
    return RequestHeadReader.read(bytes(s), LIMIT);
  }

  @Test
  void readsARequestLineAndFieldsAndLeavesTheRest() throws Exception {
    InputStream in =
        bytes(
            "GET /a%20b?q HTTP/1.1\r\nHost: 127.0.0.1:80\r\nRange:  bytes=0-1 \r\n"
                + "X-Two: 1\r\nx-two: 2\r\n\r\nHEAD / HTTP/1.0\r\n\r\n");
    RequestHead first = RequestHeadReader.read(in, LIMIT);
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.target()).isEqualTo("/a%20b?q");
    assertThat(first.single("host")).contains("127.0.0.1:80");
    assertThat(first.single("RANGE")).contains("bytes=0-1");
    assertThat(first.all("x-two")).containsExactly("1", "2");
    assertThat(first.single("x-two")).isEmpty();
    assertThat(first.keepAlive()).isTrue();
    RequestHead second = RequestHeadReader.read(in, LIMIT);
    assertThat(second.method()).isEqualTo("HEAD");
    assertThat(second.keepAlive()).isFalse();
    assertThat(RequestHeadReader.read(in, LIMIT)).isNull();
  }

  @Test
  void bareLfAndLeadingEmptyLinesAreTolerated() throws Exception {
    RequestHead h = read("\r\n\nGET / HTTP/1.1\nHost: x\n\n");
    assertThat(h.target()).isEqualTo("/");
    assertThat(h.single("host")).contains("x");
  }

  @Test
  void connectionCloseEndsKeepAlive() throws Exception {
    assertThat(read("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n").keepAlive())
        .isFalse();
  }

  static Stream<Arguments> malformedHeads() {
    return Stream.of(
        Arguments.of("GET /  HTTP/1.1\r\n\r\n", 400), // two spaces
        Arguments.of("GET / HTTP/1.1 \r\n\r\n", 400),
        Arguments.of("GET /\r\n\r\n", 400), // HTTP/0.9
        Arguments.of("G(T / HTTP/1.1\r\n\r\n", 400), // method not a token
        Arguments.of("GET / HTTP/1\r\n\r\n", 400),
        Arguments.of("GET / http/1.1\r\n\r\n", 400),
        Arguments.of("GET / HTTP/2.0\r\n\r\n", 505),
        Arguments.of("GET / HTTP/0.9\r\n\r\n", 505),
        Arguments.of("GET /\u00e9 HTTP/1.1\r\n\r\n", 400), // a raw non-ASCII target
        Arguments.of("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400), // bare CR
        Arguments.of("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
        Arguments.of("GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400),
        Arguments.of("GET / HTTP/1.1\r\n: empty name\r\n\r\n", 400),
        Arguments.of("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
        Arguments.of("GET / HTTP/1.1\r\nX: a\u0000b\r\n\r\n", 400), // NUL in a value
        Arguments.of("\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n", 400) // too many empty lines
        );
  }

  @ParameterizedTest
  @MethodSource("malformedHeads")
  void malformedHeadsAreTyped(String head, int status) {
    assertThatThrownBy(() -> read(head))
        .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  @Test
  void oversizedHeadsAre431() {
    String huge =
        "GET / HTTP/1.1\r\nX: " + "a".repeat(RequestHeadReader.MAX_HEAD_BYTES) + "\r\n\r\n";
    assertThatThrownBy(() -> read(huge))
        .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(431));
    String many =
        "GET / HTTP/1.1\r\n" + "X: 1\r\n".repeat(RequestHeadReader.MAX_FIELDS + 1) + "\r\n";
    assertThatThrownBy(() -> read(many))
        .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(431));
    String enough = "GET / HTTP/1.1\r\n" + "X: 1\r\n".repeat(RequestHeadReader.MAX_FIELDS) + "\r\n";
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> read(enough))).isNull();
  }

  @Test
  void aTruncatedHeadIsAnEndOfStream() {
    assertThatThrownBy(() -> read("GET / HTTP/1.1\r\nHost: x\r\n"))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> read("GET / HT")).isInstanceOf(EOFException.class);
  }

  @Test
  void aHeadThatTakesLongerThanTheLimitIs408() {
    // a zero limit: every byte after the first is late
    assertThatThrownBy(() -> RequestHeadReader.read(bytes("GET / HTTP/1.1\r\n\r\n"), Duration.ZERO))
        .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(408));
  }
}
