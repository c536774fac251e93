package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ilp-torrent seed --price}: publishes against a wallet, verifier and tracker. */
class PaidSeedCommandIT {
  @TempDir Path dir;

  private PartnerProcess run(String name, List<String> args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(TestEnvironment.launcher().toString());
    command.addAll(args);
    return PartnerProcess.start(dir, name, command);
  }

  @Test
  void publishesPrintsTheMagnetAndInfoHashAndRefusesAPriceTheWalletCannotHold() throws Exception {
    Path file = ClientInteropIT.random(dir.resolve("film.bin"), 500_000, 3);
    try (Wallet wallet = Wallet.builder().account("alice", "USD", 9, 0).start();
        ReceiptVerifierServer verifier =
            ReceiptVerifierServer.builder().registrationToken("vt").start();
        TrackerServer tracker =
            TrackerServer.builder().allowVerifier(verifier.uri()).registrationToken("tt").start()) {
      List<String> args =
          List.of(
              "seed",
              file.toString(),
              "--pointer",
              wallet.pointer("alice").toString(),
              "--verifier",
              verifier.uri().toString(),
              "--announce",
              tracker.webSocketUri().toString(),
              "--verifier-token",
              "vt",
              "--tracker-token",
              "tt",
              "--state",
              dir.resolve("state").toString());
      List<String> tooFine = new java.util.ArrayList<>(args);
      tooFine.addAll(List.of("--price", "0.0000000001"));
      try (PartnerProcess refused = run("refused", tooFine)) {
        assertThat(refused.exitCode(seconds(60))).isEqualTo(1);
        assertThat(refused.output())
            .contains(
                "cannot publish: the price 0.0000000001 USD cannot be written exactly at the"
                    + " wallet's scale 9");
      }
      List<String> paid = new java.util.ArrayList<>(args);
      paid.addAll(List.of("--price", "0.50", "--asset", "USD"));
      try (PartnerProcess seeder = run("seed", paid)) {
        MagnetUri magnet =
            MagnetUri.parse(seeder.await("(?m)^magnet:\\?\\S+$", seconds(90)).group());
        String hash = seeder.await("(?m)^info hash: ([0-9a-f]{40})$", seconds(10)).group(1);
        assertThat(magnet.infoHash().orElseThrow().toHex()).isEqualTo(hash);
        assertThat(magnet.paymentPointer().orElseThrow().toString())
            .startsWith(verifier.uri() + "/spsp/");
        assertThat(magnet.verifier()).isPresent();
        assertThat(magnet.peerAddresses()).as("paid torrents use trackers only").isEmpty();
        seeder.await("price: 0.500000000 USD \\(500000000 at scale 9\\)", seconds(10));
        assertThat(seeder.output()).doesNotContain("seederToken");
      }
    }
  }
}
