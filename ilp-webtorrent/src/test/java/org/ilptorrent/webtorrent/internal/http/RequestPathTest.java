package org.ilptorrent.webtorrent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {
  @Test
  void segmentsArePercentDecodedAsUtf8() throws Exception {
    assertThat(RequestPath.segments("/")).isEmpty();
    assertThat(RequestPath.segments("/abc/")).containsExactly("abc", "");
    assertThat(RequestPath.segments("/a/b%20c/%C3%A9t%C3%A9.mp4?x=1"))
        .containsExactly("a", "b c", "été.mp4");
    // an encoded slash stays inside its segment: it can never match a file's path component
    assertThat(RequestPath.segments("/a%2Fb")).containsExactly("a/b");
    assertThat(RequestPath.segments("/a+b")).containsExactly("a+b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "relative",
        "http://example.com/",
        "*",
        "/a/../b",
        "/..",
        "/a/.",
        "/%2e%2e/x",
        "/%2E%2E",
        "/a/%2e",
        "/a//b",
        "//a",
        "/a%00b", // encoded NUL
        "/a%0Ab",
        "/a%7F",
        "/a%",
        "/a%2",
        "/a%zz",
        "/a%C0%AF", // overlong UTF-8 for '/'
        "/a%FF",
        "/a%ED%A0%80", // a UTF-16 surrogate
      })
  void badPathsAre400(String target) {
    assertThatThrownBy(() -> RequestPath.segments(target))
        .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void encodingKeepsOnlyUnreservedCharactersAndRoundTrips() throws Exception {
    List<String> path = List.of("dir <&>\"'#?%", "été 100%.mp4", "a/b");
    String encoded = RequestPath.encode(path);
    assertThat(encoded)
        .isEqualTo("dir%20%3C%26%3E%22%27%23%3F%25/%C3%A9t%C3%A9%20100%25.mp4/a%2Fb");
    assertThat(RequestPath.segments("/" + encoded)).isEqualTo(path);
  }

  @Test
  void htmlEscapingCoversTextAndAttributes() {
    assertThat(HtmlListing.escape("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  }
}
