package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live comparison with npm create-torrent 6 and Debian mktorrent on random folders: the same info
 * hash for the same files and options. Needs interop/install.sh (run by .ci/run); -Pinterop.
 */
class CreateTorrentInteropIT {
  private static final Instant CREATED = Instant.parse("2026-03-04T05:06:07Z");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void sameInfoHashAsCreateTorrentAndMktorrent(long seed, @TempDir Path dir) throws Exception {
    Random random = new Random(seed);
    Path root = dir.resolve("set-" + seed);
    int files = 1 + random.nextInt(12);
    for (int i = 0; i < files; i++) {
      String path = "d" + random.nextInt(3) + "/sub" + random.nextInt(2) + "/f-" + i + ".bin";
      SampleInputs.write(root, path, random.nextInt(300_000));
    }
    int pieceLength = 1 << (15 + random.nextInt(4));

    CreatedTorrent ours =
        TorrentCreator.builder()
            .addPath(root)
            .pieceLength(pieceLength)
            .creationDate(CREATED)
            .build()
            .create();

    String node =
        run(
            TestEnvironment.repositoryRoot().resolve("interop/npm/create-torrent-fixtures"),
            "node",
            "make.mjs",
            Integer.toString(pieceLength),
            Long.toString(CREATED.toEpochMilli()),
            "0",
            root.toString());
    assertThat(ours.infoHash().toHex()).isEqualTo(node.strip());

    Path mk = dir.resolve("mk.torrent");
    run(
        dir,
        "mktorrent",
        "-l",
        Integer.toString(Integer.numberOfTrailingZeros(pieceLength)),
        "-a",
        "http://127.0.0.1:1/announce",
        "-o",
        mk.toString(),
        root.toString());
    assertThat(TorrentInfo.parse(Files.readAllBytes(mk)).infoHash()).isEqualTo(ours.infoHash());
  }

  private static String run(Path cwd, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
