package org.ilptorrent.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class BalanceIdsTest {
  @Test
  void acceptsWhatTheBalancesApiTakesInItsPaths() {
    assertThat(BalanceIds.isValid(UUID.randomUUID().toString())).isTrue();
    assertThat(BalanceIds.isValid("a.b_c~d-E9")).isTrue();
    assertThat(BalanceIds.isValid("x".repeat(128))).isTrue();
  }

  @Test
  void refusesEverythingElse() {
    assertThat(BalanceIds.isValid(null)).isFalse();
    assertThat(BalanceIds.isValid("")).isFalse();
    assertThat(BalanceIds.isValid("x".repeat(129))).isFalse();
    assertThat(BalanceIds.isValid("a/b")).isFalse();
    assertThat(BalanceIds.isValid("a:spend")).isFalse();
    assertThat(BalanceIds.isValid("é")).isFalse();
  }
}
