package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips over random magnets, and random text that must never escape the typed error. */
class MagnetUriPropertiesTest {

  @Property(tries = 500)
  void everyBuiltMagnetSurvivesARoundTrip(@ForAll("magnets") MagnetUri magnet) {
    String text = magnet.toString();
    MagnetUri back = MagnetUri.parse(text);

    assertThat(back).isEqualTo(magnet);
    assertThat(back.toString()).isEqualTo(text);
    assertThat(back.name()).isEqualTo(magnet.name());
    assertThat(back.announce()).isEqualTo(magnet.announce());
    assertThat(back.keywords()).isEqualTo(magnet.keywords());
    assertThat(back.extraParameters()).isEqualTo(magnet.extraParameters());
  }

  @Property(tries = 2000)
  void randomTextGivesOnlyTheTypedError(@ForAll("noise") String tail) {
    Throwable thrown =
        catchThrowable(
            () ->
                MagnetUri.parse(
                    "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36&" + tail));
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(InvalidMagnetUriException.class);
    }
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings()
            .withChars("%&=+#?:/$.[]-,0123456789abcdefABCDEFxtdnrwsakpvoie\u00e9\uD83C\uDFAC")
            .ofMaxLength(200));
  }

  @Provide
  Arbitrary<MagnetUri> magnets() {
    Arbitrary<String> text =
        Arbitraries.strings().all().excludeChars(surrogates()).ofMinLength(1).ofMaxLength(30);
    Arbitrary<byte[]> hash = Arbitraries.bytes().array(byte[].class).ofSize(20);
    Arbitrary<List<String>> urls = text.map(s -> "https://t.example/" + s).list().ofMaxSize(3);
    Arbitrary<List<String>> words =
        Arbitraries.strings()
            .alpha()
            .numeric()
            .withChars(" é日+%&")
            .ofMinLength(1)
            .ofMaxLength(8)
            .list()
            .ofMaxSize(3);
    Arbitrary<List<Integer>> select = Arbitraries.integers().between(0, 50).list().ofMaxSize(5);
    Arbitrary<String> pointer =
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> "$w.example/" + s);
    return Combinators.combine(hash, text.injectNull(0.3), urls, urls, words, select, pointer)
        .as(
            (h, name, trackers, seeds, kt, so, pp) -> {
              MagnetUri.Builder b =
                  MagnetUri.builder(InfoHash.of(h))
                      .name(name)
                      .addTrackers(trackers)
                      .addSelectOnly(so)
                      .paymentPointer(PaymentPointer.parse(pp))
                      .verifier(URI.create("http://127.0.0.1:3000/v"));
              seeds.forEach(b::addWebSeed);
              kt.forEach(b::addKeyword);
              return b.build();
            });
  }

  private static char[] surrogates() {
    char[] out = new char[0xE000 - 0xD800];
    for (int i = 0; i < out.length; i++) {
      out[i] = (char) (0xD800 + i);
    }
    return out;
  }
}
