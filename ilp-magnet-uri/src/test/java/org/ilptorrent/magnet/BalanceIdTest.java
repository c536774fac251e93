package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BalanceIdTest {
  @Test
  void acceptsWhatTheBalancesApiTakesInItsPaths() {
    assertThat(BalanceId.isValid(UUID.randomUUID().toString())).isTrue();
    assertThat(BalanceId.isValid("a.b_c~d-E9")).isTrue();
    assertThat(BalanceId.isValid("x".repeat(128))).isTrue();
    assertThat(BalanceId.check("a.b_c~d-E9")).isEqualTo("a.b_c~d-E9");
  }

  @Test
  void refusesEverythingElse() {
    assertThat(BalanceId.isValid(null)).isFalse();
    assertThat(BalanceId.isValid("")).isFalse();
    assertThat(BalanceId.isValid("x".repeat(129))).isFalse();
    assertThat(BalanceId.isValid("x".repeat(10_000_000))).isFalse();
    assertThat(BalanceId.isValid("a/b")).isFalse();
    assertThat(BalanceId.isValid("a:spend")).isFalse();
    assertThat(BalanceId.isValid("é")).isFalse();
    assertThat(BalanceId.isValid("a b")).isFalse();
    assertThat(BalanceId.isValid("a\nb")).isFalse();
    assertThat(BalanceId.isValid("a\0")).isFalse();
    assertThatThrownBy(() -> BalanceId.check("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a balance id is 1..128 characters of A-Z a-z 0-9 . _ ~ -");
    assertThatThrownBy(() -> BalanceId.check(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void freshIdsAreValidUuidsAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = BalanceId.random();
      assertThat(BalanceId.isValid(id)).isTrue();
      assertThat(UUID.fromString(id).version()).isEqualTo(4);
      assertThat(seen.add(id)).isTrue();
    }
  }
}
