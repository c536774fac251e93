package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.fixtures.TestEnvironment;

/** libtorrent 2.0 on loopback through {@code interop/bt/lt_seed.py} and {@code lt_leech.py}. */
final class Libtorrent {
  static final String PYTHON = "/usr/bin/python3";
  static final Path BT = TestEnvironment.repositoryRoot().resolve("interop/bt");
  private static final Pattern MAGNET_PEER_PORT = Pattern.compile("x\\.pe=[^&]*(?::|%3A)(\\d+)");

  private Libtorrent() {}

  /**
   * Starts seeding {@code torrent} from {@code data} on a free port, for at most 200 s, with {@code
   * options} of lt_seed.py (such as {@code --encryption forced}).
   */
  static PartnerProcess seed(Path dir, Path torrent, Path data, String... options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            PYTHON,
            BT.resolve("lt_seed.py").toString(),
            torrent.toString(),
            data.toString(),
            Integer.toString(TestEnvironment.freePort()),
            "--timeout",
            "200"));
    command.addAll(List.of(options));
    return PartnerProcess.start(dir, "lt-seed", command);
  }

  /** The port a {@link #seed} prints once its check is done and it listens. */
  static int seedingPort(PartnerProcess seeder) throws InterruptedException {
    return Integer.parseInt(seeder.await("^seeding (\\d+)", seconds(60)).group(1));
  }

  /**
   * Starts downloading {@code source} (a .torrent path or a magnet) into {@code out} for at most
   * 120 s, dialling {@code peer} when it is not null, with {@code options} of lt_leech.py.
   */
  static PartnerProcess leech(Path dir, String source, Path out, String peer, String... options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            PYTHON,
            BT.resolve("lt_leech.py").toString(),
            source,
            out.toString(),
            Integer.toString(TestEnvironment.freePort())));
    if (peer != null) {
      command.add(peer);
    }
    command.addAll(List.of("--timeout", "120"));
    command.addAll(List.of(options));
    return PartnerProcess.start(dir, "lt-leech", command);
  }

  /** The port in the {@code x.pe} of the magnet our {@code seed} command printed. */
  static int ourMagnetPort(PartnerProcess ours) throws InterruptedException {
    String magnet = ours.await("^magnet:\\S+", seconds(90)).group();
    Matcher m = MAGNET_PEER_PORT.matcher(magnet);
    assertThat(m.find()).as("x.pe in " + magnet).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
