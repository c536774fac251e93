package org.ilptorrent.tracker.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBytesTest {
  @Test
  void numbersPrintAsJavaScriptPrintsIntegers() {
    for (long n :
        new long[] {0, 7, -7, 10, 1000, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThat(new JsonBytes(1).number(n).toString()).isEqualTo(Long.toString(n));
    }
  }

  @Test
  void growsAndKeepsEveryPiece() {
    JsonBytes json = new JsonBytes(2);
    json.append(JsonBytes.utf8("{\"a\":")).number(12345).append(',');
    json.append(JsonBytes.utf8("\"b\":")).append(JsonBytes.string("x\"\u00e9")).raw("}");
    assertThat(json.toString()).isEqualTo("{\"a\":12345,\"b\":\"x\\\"\u00e9\"}");
    assertThat(json.length())
        .isEqualTo(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }
}
