package org.ilptorrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaidPublishAndBuyIT {
  @Test
  void bobPaysAliceAndDownloads() throws Exception {
    ExampleRun run = ExampleRun.of(PaidPublishAndBuy.class);

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^alice publishes magnet:\\?xt=urn:btih:.*&pp=.*&vr=");
    assertThat(run.lines())
        .contains(
            "payment required: 0.250000000 USD",
            "admitted by the tracker",
            "downloaded and verified")
        .anyMatch(l -> l.matches("paid \\d+ \\(receiver's units\\)"))
        .anyMatch(l -> l.matches("bob has .*lecture\\.bin, same bytes true"));
    // bob paid at least the price, alice got what the receipts attest
    String balances =
        run.lines().stream().filter(l -> l.startsWith("balances: ")).findFirst().orElseThrow();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("balances: alice (\\d+), bob (\\d+)").matcher(balances);
    assertThat(m.matches()).as(balances).isTrue();
    assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(250_000_000L);
    assertThat(Long.parseLong(m.group(2))).isLessThanOrEqualTo(10_000_000_000L - 250_000_000L);
  }
}
