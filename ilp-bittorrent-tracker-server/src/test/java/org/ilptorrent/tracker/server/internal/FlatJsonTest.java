package org.ilptorrent.tracker.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static WsMessage flat(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return FlatJson.read(utf8, utf8.length);
  }

  @Test
  void readsTheAnnouncesOfNpmsClientAndTheBenchmark() throws Exception {
    String npm =
        "{\"numwant\":50,\"uploaded\":0,\"downloaded\":0,\"left\":0,\"event\":\"started\","
            + "\"action\":\"announce\",\"info_hash\":\"\\u0001\u00e9\u00ff\\\"aaaaaaaaaaaaaaaa\","
            + "\"peer_id\":\"-WW0208-abcdefghijkl\",\"offers\":[]}";
    WsMessage m = flat(npm);
    assertThat(m).isNotNull().isEqualTo(WsMessage.parse(JSON, npm));
    assertThat(m.infoHash()).isEqualTo("\u0001\u00e9\u00ff\"aaaaaaaaaaaaaaaa");
    assertThat(m.seeding()).isTrue();
    assertThat(m.offers().isArray()).isTrue();
    assertThat(flat("{\"action\":\"scrape\",\"info_hash\":[]}").infoHashes()).isEmpty();
  }

  @Test
  void leavesWhatItDoesNotReadToJackson() {
    assertThat(flat("{\"offers\":[{\"offer\":{}}]}")).isNull();
    assertThat(flat("{\"answer\":{\"sdp\":\"x\"}}")).isNull();
    assertThat(flat("{\"info_hash\":[\"a\"]}")).isNull();
    assertThat(flat("[1]")).isNull();
    assertThat(flat("{\"a\":01}")).isNull();
    assertThat(flat("{\"a\":\"\u0001\"}")).isNull();
    assertThat(flat("{} {}")).isNull();
    assertThat(flat("\ufeff{}")).isNull();
    // Jackson bounds names (50,000 chars) and numbers (1,000 digits): long ones are its to judge.
    assertThat(flat("{\"" + "n".repeat(60_000) + "\":1}")).isNull();
    assertThat(flat("{\"a\":" + "1".repeat(2_000) + "}")).isNull();
  }

  /**
   * Random messages near the tracker's (valid, and broken by a byte): whenever the flat reader
   * reads one, Jackson reads the same text the same way.
   */
  @Test
  void agreesWithJacksonOnEverythingItReads() throws Exception {
    Random random = new Random(17);
    List<String> keys =
        List.of(
            "action",
            "info_hash",
            "peer_id",
            "event",
            "left",
            "offers",
            "answer",
            "offer_id",
            "to_peer_id",
            "requestId",
            "seeder_token",
            "leecher_key",
            "numwant",
            "act\\u0069on",
            "");
    List<String> values =
        List.of(
            "\"announce\"",
            "\"scrape\"",
            "\"0\"",
            "\"\\u0000\\u00ff\u00e9\u20ac\\ud83d\\ude00\"",
            "\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\"",
            "\"\\uD800\"",
            "\"\\x\"",
            "\"\\u12\"",
            "0",
            "-0",
            "0.0",
            "1e400",
            "-1.5E-3",
            "12",
            "01",
            "1.",
            "-",
            ".5",
            "+1",
            "1e",
            "true",
            "false",
            "null",
            "nul",
            "truex",
            "[]",
            "[ ]",
            "[1]",
            "{}",
            "{\"a\":1}",
            "\"\u0001\"",
            "NaN");
    List<String> spaces = List.of("", "", " ", "\n", "\t\r ", "\u000b");
    int read = 0;
    for (int n = 0; n < 60_000; n++) {
      StringBuilder s = new StringBuilder(spaces.get(random.nextInt(spaces.size())));
      s.append('{');
      int fields = random.nextInt(6);
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          s.append(random.nextInt(40) == 0 ? "" : ",");
        }
        s.append(spaces.get(random.nextInt(spaces.size())));
        s.append('"').append(keys.get(random.nextInt(keys.size()))).append('"');
        s.append(spaces.get(random.nextInt(spaces.size()))).append(':');
        s.append(values.get(random.nextInt(values.size())));
        s.append(spaces.get(random.nextInt(spaces.size())));
      }
      s.append(random.nextInt(40) == 0 ? "" : "}");
      s.append(spaces.get(random.nextInt(spaces.size())));
      String text = s.toString();
      if (random.nextInt(4) == 0) {
        // One byte changed, dropped or added.
        int at = random.nextInt(text.length() + 1);
        String edits = "{}[]\":,0-.e\\u n\u00e9";
        char c = edits.charAt(random.nextInt(edits.length()));
        text =
            switch (random.nextInt(3)) {
              case 0 -> text.substring(0, at) + c + text.substring(at);
              case 1 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
              default ->
                  at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text;
            };
      }
      WsMessage fast = flat(text);
      if (fast == null) {
        continue;
      }
      read++;
      WsMessage jackson;
      try {
        jackson = WsMessage.parse(JSON, text);
      } catch (IOException e) {
        throw new AssertionError("read by the flat reader, refused by Jackson: " + text, e);
      }
      assertThat(fast).as(text).isEqualTo(jackson);
    }
    assertThat(read).isGreaterThan(5_000);
  }
}
