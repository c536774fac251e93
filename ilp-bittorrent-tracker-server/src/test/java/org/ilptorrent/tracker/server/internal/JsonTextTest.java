package org.ilptorrent.tracker.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  private static String json(String s) {
    return JsonText.string(new StringBuilder(), s).toString();
  }

  @Test
  void escapesLikeJsonStringify() {
    // Expected strings are what node's JSON.stringify prints for the same input.
    assertThat(json("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(json("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
    assertThat(json("\u0000\u001f\u007f\u00ff")).isEqualTo("\"\\u0000\\u001f\u007f\u00ff\"");
  }

  @Test
  void everyBinaryStringReadsBackUnchanged() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      char[] id = new char[20];
      for (int j = 0; j < id.length; j++) {
        id[j] = (char) random.nextInt(256);
      }
      String s = new String(id);
      assertThat(mapper.readTree(json(s)).asText()).isEqualTo(s);
      // The bytes the hot replies carry are the same text in UTF-8.
      assertThat(JsonBytes.string(s)).isEqualTo(json(s).getBytes(StandardCharsets.UTF_8));
    }
  }
}
