package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ilptorrent.magnet.MagnetUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagnetCommandTest {
  static final String FORK =
      "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36&dn=Leaves+of+Grass"
          + "&tr=wss%3A%2F%2Ftracker.example&pp=%24wallet.example%2Falice"
          + "&vr=https%3A%2F%2Fverifier.example";

  @Test
  void decodeShowsTheLicenceOfAForkMagnet() throws Exception {
    CliRun run = CliRun.of("magnet", "decode", FORK);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("infoHash").asText()).isEqualTo("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");
    assertThat(json.get("name").asText()).isEqualTo("Leaves of Grass");
    assertThat(json.get("announce").get(0).asText()).isEqualTo("wss://tracker.example");
    assertThat(json.get("urlList").size()).isZero();
    assertThat(json.get("license").get("paymentPointer").asText())
        .isEqualTo("$wallet.example/alice");
    assertThat(json.get("license").get("verifier").asText()).isEqualTo("https://verifier.example");
    assertThat(json.get("params").findValuesAsText("key"))
        .containsExactly("xt", "dn", "tr", "pp", "vr");
  }

  @Test
  void decodeOfAFreeMagnetHasANullLicenceAndListsUnknownParameters() throws Exception {
    CliRun run =
        CliRun.of(
            "magnet",
            "decode",
            "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36&x.foo=bar&so=1,3");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("license").isNull()).isTrue();
    assertThat(json.get("params").findValuesAsText("key"))
        .containsExactly("xt", "so", "so", "x.foo");
    assertThat(json.get("params").get(3).get("value").asText()).isEqualTo("bar");
  }

  @Test
  void encodeWritesWhatMagnetUriWrites() {
    CliRun run =
        CliRun.of(
            "magnet",
            "encode",
            "--info-hash",
            "D2474E86C95B19B8BCFDB92BC12C9D44667CFA36",
            "--name",
            "Leaves of Grass",
            "--tracker",
            "wss://tracker.example",
            "--pointer",
            "$wallet.example/alice",
            "--verifier",
            "https://verifier.example");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(FORK + System.lineSeparator());
    assertThat(MagnetUri.parse(run.out().strip())).isEqualTo(MagnetUri.parse(FORK));
  }

  @Test
  void encodeAddsWebSeeds() {
    CliRun run =
        CliRun.of(
            "magnet",
            "encode",
            "--info-hash",
            "2JDU5BWJLMM3RPH5XEV4CLE5IRTHZ6RW",
            "--url-list",
            "https://seed.example/a b");

    assertThat(run.out().strip())
        .isEqualTo(
            "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"
                + "&ws=https%3A%2F%2Fseed.example%2Fa%20b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "magnet decode not-a-magnet",
        "magnet decode magnet:?xt=urn:btih:zz",
        "magnet decode magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36&pp=nope",
        "magnet encode --info-hash xyz",
        "magnet encode --info-hash d2474e86c95b19b8bcfdb92bc12c9d44667cfa36 --pointer $w.example/a",
        "magnet encode --info-hash d2474e86c95b19b8bcfdb92bc12c9d44667cfa36 --pointer nope --verifier https://v.example",
        "magnet encode --info-hash d2474e86c95b19b8bcfdb92bc12c9d44667cfa36 --pointer $w.example --verifier ftp://v",
        "magnet encode",
        "magnet decode",
        "magnet",
        "no-such-command",
        "--no-such-flag",
      })
  void badInputExitsTwoWithOneLineOnStderr(String commandLine) {
    CliRun run = CliRun.of(commandLine.split(" "));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("ilp-torrent: ").doesNotContain("Exception", "\tat ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"--help", "magnet --help", "magnet decode --help", "magnet encode --help", "-V"})
  void helpEverywhere(String commandLine) {
    CliRun run = CliRun.of(commandLine.split(" "));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isNotBlank();
  }
}
