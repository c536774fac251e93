package org.ilptorrent.verifier.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.magnet.PaymentPointer;
import org.junit.jupiter.api.Test;

/**
 * Which proxy hash a spend's {@code Payment-Pointer} header names: the hand-written checks answer
 * what the regular expressions they replaced did.
 */
class PointerHashTest {
  private static final String HASH = "0123456789abcdef".repeat(4);
  private static final Pattern HASH_SHAPE = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern LAST_SEGMENT_HASH = Pattern.compile("[^?#]*/([0-9a-f]{64})");

  /** The rule as first written, with regular expressions. */
  private static Optional<String> reference(String value) {
    if (HASH_SHAPE.matcher(value).matches()) {
      return Optional.of(value);
    }
    Optional<PaymentPointer> pointer = PaymentPointer.tryParse(value);
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    Matcher last = LAST_SEGMENT_HASH.matcher(value);
    if (last.matches()) {
      return Optional.of(last.group(1));
    }
    return Optional.of(VerifierHandler.sha256Hex(pointer.get().toString()));
  }

  @Test
  void aBareHashIsItselfAndAProxyPointerItsLastSegment() {
    assertThat(VerifierHandler.pointerHash(HASH)).contains(HASH);
    assertThat(VerifierHandler.pointerHash("http://127.0.0.1:3000/spsp/" + HASH)).contains(HASH);
    assertThat(VerifierHandler.pointerHash("$verifier.example/spsp/" + HASH)).contains(HASH);
  }

  @Test
  void textThatIsNoPointerNamesNothing() {
    assertThat(VerifierHandler.pointerHash("not a pointer")).isEmpty();
    assertThat(VerifierHandler.pointerHash(HASH.toUpperCase())).isEmpty();
    assertThat(VerifierHandler.pointerHash("")).isEmpty();
  }

  @Test
  void answersWhatTheRegularExpressionsDid() {
    String[] values = {
      HASH,
      HASH.substring(1),
      HASH + "0",
      HASH.toUpperCase(),
      "/" + HASH,
      "$verifier.example/" + HASH,
      "$verifier.example/spsp/" + HASH,
      "http://127.0.0.1:3000/spsp/" + HASH,
      "https://verifier.example/spsp/" + HASH,
      "$wallet.example/alice",
      "$wallet.example",
      "$wallet.example/spsp/" + HASH.toUpperCase(),
      "$wallet.example/spsp/" + HASH.substring(1),
      "$wallet.example/spsp/" + HASH + "/more",
      "$wallet.example/spsp/x" + HASH,
      "https://wallet.example/spsp/" + HASH + "?x=1",
      "https://wallet.example/a?b/" + HASH,
      "https://wallet.example/a#b/" + HASH,
      "https://wallet.example//" + HASH,
      "not a pointer",
      "",
    };
    for (String value : values) {
      assertThat(VerifierHandler.pointerHash(value)).as(value).isEqualTo(reference(value));
    }
  }
}
