package org.ilptorrent.tracker.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WsMessageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code text} both ways, as a string and as UTF-8 bytes, which must agree. */
  private static WsMessage parse(String text) throws IOException {
    WsMessage fromText;
    try {
      fromText = WsMessage.parse(JSON, text);
    } catch (IOException e) {
      assertThatThrownBy(() -> fromBytes(text)).isInstanceOf(IOException.class);
      throw e;
    }
    assertThat(fromBytes(text)).isEqualTo(fromText);
    return fromText;
  }

  /**
   * Reads {@code text} from its UTF-8 bytes at the start of a longer buffer, as the server does.
   */
  private static WsMessage fromBytes(String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] scratch = Arrays.copyOf(utf8, utf8.length + 7);
    Arrays.fill(scratch, utf8.length, scratch.length, (byte) '}');
    return WsMessage.parse(JSON, scratch, utf8.length);
  }

  @Test
  void readsAnAnnounceAsNpmsClientSendsIt() throws Exception {
    WsMessage m =
        parse(
            "{\"action\":\"announce\",\"info_hash\":\"\\u00aa\\u0000aaaaaaaaaaaaaaaaaa\","
                + "\"peer_id\":\"-WW0208-abcdefghijkl\",\"numwant\":50,\"uploaded\":0,"
                + "\"downloaded\":0,\"left\":0,\"event\":\"started\",\"offers\":[{\"offer\":"
                + "{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\"oooooooooooooooooooo\"}]}");
    assertThat(m.action()).isEqualTo("announce");
    assertThat(m.infoHash()).hasSize(20).startsWith("\u00aa\u0000");
    assertThat(m.peerId()).isEqualTo("-WW0208-abcdefghijkl");
    assertThat(m.event()).isEqualTo("started");
    assertThat(m.seeding()).isTrue();
    assertThat(m.offers().get(0).path("offer").path("sdp").asText()).isEqualTo("v=0");
    assertThat(m.hasAnswer()).isFalse();
  }

  @Test
  void scalarsReadLikeAsText() throws Exception {
    WsMessage m = parse("{\"action\":7,\"event\":null,\"left\":\"0\",\"requestId\":12}");
    assertThat(m.action()).isEqualTo("7");
    assertThat(m.event()).isEqualTo("update");
    assertThat(m.seeding()).isTrue();
    assertThat(m.requestId()).isEqualTo("12");
    assertThat(parse("{\"left\":0.0}").seeding()).isTrue();
    assertThat(parse("{\"left\":\"5\"}").seeding()).isFalse();
    assertThat(parse("{\"left\":{\"x\":0}}").seeding()).isFalse();
    assertThat(parse("{\"peer_id\":{\"a\":1},\"action\":[1]}").peerId()).isNull();
    assertThat(parse("{}").action()).isEmpty();
  }

  @Test
  void answersAndScrapes() throws Exception {
    WsMessage answer =
        parse("{\"answer\":{\"sdp\":\"x\"},\"to_peer_id\":\"t\",\"offer_id\":\"o\"}");
    assertThat(answer.hasAnswer()).isTrue();
    assertThat(answer.answer().path("sdp").asText()).isEqualTo("x");
    assertThat(answer.offerId().asText()).isEqualTo("o");
    assertThat(parse("{\"answer\":null}").hasAnswer()).isTrue();
    WsMessage scrape = parse("{\"action\":\"scrape\",\"info_hash\":[\"a\",{\"b\":1},\"c\"]}");
    assertThat(scrape.infoHash()).isNull();
    assertThat(scrape.infoHashes()).containsExactly("a", null, "c");
    assertThat(parse("{\"info_hash\":[\"a\"],\"info_hash\":\"b\"}").infoHashes()).isNull();
  }

  @Test
  void notAnObjectIsNullAndBadJsonThrows() throws Exception {
    assertThat(parse("[1,2]")).isNull();
    assertThat(parse("\"text\"")).isNull();
    assertThatThrownBy(() -> parse("{\"a\":")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> parse("{} {}")).isInstanceOf(IOException.class);
    assertThat(parse("")).isNull();
  }

  @Test
  void bytesThatJacksonWouldNotReadAsUtf8AreReadAsText() throws Exception {
    // A byte order mark, and zero bytes that would make Jackson guess UTF-16 or UTF-32: each is
    // read as the same text would be.
    for (String text :
        List.of(
            "\ufeff{\"action\":\"scrape\"}",
            "{\u0000\"\u0000}\u0000",
            "\u0000\u0000\u0000{\u0000\u0000\u0000}",
            "\u0000{\u0000}",
            "{\"action\":\"\u00e9\u20ac\ud83d\ude00\"}")) {
      try {
        parse(text);
      } catch (IOException e) {
        // both ways threw: agreed
      }
    }
    assertThat(parse("{\"action\":\"\u00e9\u20ac\ud83d\ude00\"}").action())
        .isEqualTo("\u00e9\u20ac\ud83d\ude00");
  }

  @Test
  void randomTextIsAnIoExceptionOrAMessage() {
    Random random = new Random(11);
    String alphabet = "{}[]\":,0123456789abcdeflnrstu \\\u00e9\u0000";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int j = random.nextInt(40); j > 0; j--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        parse(s.toString());
      } catch (IOException e) {
        // the only failure allowed
      }
    }
  }
}
