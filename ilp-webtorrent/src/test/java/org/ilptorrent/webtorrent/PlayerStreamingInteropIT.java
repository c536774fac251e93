package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A media player reads a video from the torrent server while the video downloads: {@code ffprobe}
 * (Debian's ffmpeg) reads the duration of an MP4 made by {@code ffmpeg} from the leecher's server,
 * fed by a seeder whose every block read is slowed, and succeeds while the file is still
 * incomplete, because its reads make the pieces they need critical.
 */
class PlayerStreamingInteropIT {
  /** Per block served by the slow seeder: a 4-5 MB file of 16 KiB blocks takes 20 s or more. */
  private static final long READ_DELAY_MILLIS = 80;

  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void ffprobeReadsTheDurationOfAVideoThatIsStillDownloading() throws Exception {
    Path video = seedDir.resolve("clip.mp4");
    run(
        seedDir,
        List.of(
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=duration=10:size=640x360:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=10",
            "-c:v",
            "mpeg4",
            "-q:v",
            "2",
            "-c:a",
            "aac",
            "-shortest",
            "-movflags",
            "+faststart",
            video.toString()));
    assertThat(Files.size(video)).isGreaterThan(2_000_000);
    TorrentInfo meta = Swarms.create(video, 16 * 1024);
    AtomicBoolean slow = new AtomicBoolean();
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      // the data check reads at full speed; serving peers is slow
      awaitDone(
          seeder.seed(
              meta,
              seedDir,
              SeedOptions.builder().storeFactory(slowFiles(slow, READ_DELAY_MILLIS)).build()));
      slow.set(true);
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      TorrentServer server = leecher.createServer(ServerOptions.defaults());
      String url = server.fileUrl(t, t.files().get(0)).toString();

      String duration =
          run(
              leechDir,
              List.of(
                  "ffprobe",
                  "-v",
                  "error",
                  "-show_entries",
                  "format=duration",
                  "-of",
                  "default=noprint_wrappers=1:nokey=1",
                  url));
      Progress when = t.progress();
      System.out.printf(
          "ffprobe read a duration of %s s with %d of %d bytes verified%n",
          duration.strip(), when.verifiedBytes(), when.length());

      assertThat(Double.parseDouble(duration.strip())).isBetween(9.9, 10.1);
      assertThat(when.length()).isEqualTo(Files.size(video));
      assertThat(when.isDone()).as("the file is incomplete when ffprobe has read it").isFalse();
      assertThat(when.verifiedBytes()).isLessThan(when.length());
    }
  }

  /** Files under the folder, each block read after {@code millis} once {@code slow} is set. */
  private static PieceStoreFactory slowFiles(AtomicBoolean slow, long millis) {
    return (folder, torrent) -> {
      PieceStore files = PieceStoreFactory.files().open(folder, torrent);
      return new ForwardingPieceStore(files) {
        @Override
        public void read(int piece, int offset, ByteBuffer dst) throws IOException {
          if (slow.get()) {
            try {
              Thread.sleep(millis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new java.io.InterruptedIOException("interrupted in a slowed read");
            }
          }
          super.read(piece, offset, dst);
        }
      };
    };
  }

  /** Runs {@code command} in {@code dir}; its stdout, or a failure with its output. */
  private static String run(Path dir, List<String> command) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s: %s", command.get(0), stderr).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
