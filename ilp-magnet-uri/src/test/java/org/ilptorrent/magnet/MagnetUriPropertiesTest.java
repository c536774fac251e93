package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips over random magnets, and random text that must never escape the typed error. Seeded,
 * so a failure names the seed that reproduces it.
 */
class MagnetUriPropertiesTest {
  private static final String PIECES = "%&=+#?:/$.[]-,0123456789abcdefABCDEFxtdnrwsakpvoie é🎬";

  static Stream<Long> seeds() {
    return IntStream.range(0, 500).mapToObj(i -> 0x5eedL * 31 + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyBuiltMagnetSurvivesARoundTrip(long seed) {
    MagnetUri magnet = randomMagnet(new Random(seed));
    String text = magnet.toString();
    MagnetUri back = MagnetUri.parse(text);

    assertThat(back).isEqualTo(magnet);
    assertThat(back.toString()).isEqualTo(text);
    assertThat(back.name()).isEqualTo(magnet.name());
    assertThat(back.announce()).isEqualTo(magnet.announce());
    assertThat(back.webSeeds()).isEqualTo(magnet.webSeeds());
    assertThat(back.keywords()).isEqualTo(magnet.keywords());
    assertThat(back.selectOnly()).isEqualTo(magnet.selectOnly());
    assertThat(back.license()).isEqualTo(magnet.license());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomTextGivesOnlyTheTypedError(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 20; i++) {
      String tail = random.nextBoolean() ? anyText(random, 200) : pieces(random, 200);
      Throwable thrown =
          catchThrowable(
              () ->
                  MagnetUri.parse(
                      "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36&" + tail));
      if (thrown != null) {
        assertThat(thrown)
            .as("seed %d input %s", seed, tail)
            .isInstanceOf(InvalidMagnetUriException.class);
      }
    }
  }

  private static MagnetUri randomMagnet(Random r) {
    byte[] hash = new byte[20];
    r.nextBytes(hash);
    MagnetUri.Builder b = MagnetUri.builder(InfoHash.of(hash));
    if (r.nextInt(10) < 7) {
      b.name(anyText(r, 30));
    }
    for (int i = r.nextInt(4); i > 0; i--) {
      b.addTracker("wss://t.example/" + anyText(r, 10));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.addWebSeed("https://w.example/" + pieces(r, 10));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      String word = pieces(r, 8);
      if (!word.isEmpty()) {
        b.addKeyword(word);
      }
    }
    for (int i = r.nextInt(4); i > 0; i--) {
      b.addSelectOnly(java.util.List.of(r.nextInt(50)));
    }
    if (r.nextBoolean()) {
      b.paymentPointer(
              PaymentPointer.parse("$w.example/" + Integer.toString(r.nextInt(1 << 20), 36)))
          .verifier(URI.create("http://127.0.0.1:" + (1024 + r.nextInt(60000)) + "/v"));
    }
    return b.build();
  }

  /** Any valid UTF-16 text: code points from all planes, never a lone surrogate. */
  private static String anyText(Random r, int maxLength) {
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(maxLength + 1); n > 0; n--) {
      int cp;
      do {
        cp = r.nextInt(4) == 0 ? r.nextInt(0x110000) : 0x20 + r.nextInt(0x60);
      } while (Character.getType(cp) == Character.SURROGATE);
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  /** Text made of the characters that matter to the magnet grammar. */
  private static String pieces(Random r, int maxLength) {
    int[] cps = PIECES.codePoints().toArray();
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(maxLength + 1); n > 0; n--) {
      s.appendCodePoint(cps[r.nextInt(cps.length)]);
    }
    return s.toString();
  }
}
