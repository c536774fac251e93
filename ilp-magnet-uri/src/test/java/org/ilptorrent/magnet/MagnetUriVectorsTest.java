package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vectors written by the real npm magnet-uri 7.0.10 plus the ILP Torrent fork's pp/vr encoder;
 * regenerate with interop/npm/magnet-vectors/generate.mjs.
 */
class MagnetUriVectorsTest {
  private static final JsonNode VECTORS = load();

  static Stream<Named<JsonNode>> encodeVectors() {
    return named(VECTORS.get("encode"));
  }

  static Stream<Named<JsonNode>> decodeVectors() {
    return named(VECTORS.get("decode"));
  }

  @Test
  void vectorsArePresent() {
    assertThat(VECTORS.get("encode").size()).isGreaterThanOrEqualTo(50);
    assertThat(VECTORS.get("decode").size()).isGreaterThanOrEqualTo(50);
  }

  @ParameterizedTest
  @MethodSource("encodeVectors")
  void encodesByteForByteLikeNpm(JsonNode vector) {
    JsonNode in = vector.get("input");
    MagnetUri.Builder b = MagnetUri.builder(InfoHash.fromHex(in.get("infoHash").asText()));
    if (in.has("infoHashV2")) {
      b.infoHash(InfoHash.fromHex(in.get("infoHashV2").asText()));
    }
    if (in.has("name")) {
      b.name(in.get("name").asText());
    }
    strings(in.get("announce")).forEach(b::addTracker);
    strings(in.get("urlList")).forEach(b::addWebSeed);
    if (in.has("xs")) {
      b.addExactSource(in.get("xs").asText());
    }
    strings(in.get("keywords")).forEach(b::addKeyword);
    strings(in.get("peerAddresses")).forEach(b::addPeerAddress);
    b.addSelectOnly(ints(in.get("so")));
    if (in.has("paymentPointer")) {
      b.paymentPointer(PaymentPointer.parse(in.get("paymentPointer").asText()));
    }
    if (in.has("verifier")) {
      b.verifier(URI.create(in.get("verifier").asText()));
    }

    assertThat(b.build().toString()).isEqualTo(vector.get("uri").asText());
  }

  @ParameterizedTest
  @MethodSource("decodeVectors")
  void decodesTheSameFieldsAsNpm(JsonNode vector) {
    JsonNode want = vector.get("expected");
    MagnetUri magnet = MagnetUri.parse(vector.get("uri").asText());

    assertThat(magnet.infoHash().map(InfoHash::toHex).orElse(null))
        .isEqualTo(text(want.get("infoHash")));
    assertThat(magnet.infoHashV2().map(InfoHash::toHex).orElse(null))
        .isEqualTo(text(want.get("infoHashV2")));
    String name =
        vector.has("nameAsWritten") ? vector.get("nameAsWritten").asText() : text(want.get("name"));
    assertThat(magnet.name().orElse(null)).isEqualTo(name);
    assertThat(magnet.announce()).isEqualTo(strings(want.get("announce")));
    assertThat(magnet.urlList()).isEqualTo(strings(want.get("urlList")));
    assertThat(magnet.peerAddresses())
        .map(PeerAddress::toString)
        .isEqualTo(strings(want.get("peerAddresses")));
    assertThat(magnet.keywords()).isEqualTo(strings(want.get("keywords")));
    assertThat(magnet.exactSources()).isEqualTo(strings(want.get("xs")));
    assertThat(magnet.selectOnly()).isEqualTo(ints(want.get("so")));
    assertThat(magnet.index().isPresent() ? (Integer) magnet.index().getAsInt() : null)
        .isEqualTo(want.get("ix").isNull() ? null : want.get("ix").asInt());
    assertThat(magnet.paymentPointer().map(PaymentPointer::toString).orElse(null))
        .isEqualTo(text(want.get("paymentPointer")));
    assertThat(magnet.verifier().map(URI::toString).orElse(null))
        .isEqualTo(text(want.get("verifier")));

    assertThat(MagnetUri.parse(magnet.toString())).isEqualTo(magnet);
  }

  private static Stream<Named<JsonNode>> named(JsonNode array) {
    List<Named<JsonNode>> out = new ArrayList<>();
    array.forEach(v -> out.add(Named.of(v.get("description").asText(), v)));
    return out.stream();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static List<Integer> ints(JsonNode node) {
    List<Integer> out = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(v -> out.add(v.asInt()));
    }
    return out;
  }

  private static JsonNode load() {
    try (InputStream in =
        MagnetUriVectorsTest.class.getResourceAsStream("magnet-uri-vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
