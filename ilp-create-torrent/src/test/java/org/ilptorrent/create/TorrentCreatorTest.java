package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorrentCreatorTest {
  private static final License LICENSE =
      new License(
          PaymentPointer.parse("http://127.0.0.1:3000/spsp/" + "ab".repeat(32)),
          URI.create("http://127.0.0.1:3000"),
          new BigInteger("1070000000"),
          "USD",
          9);

  @Test
  void paidTorrentCommitsTheLicenceAndIsPrivate(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "film.bin", 50_000);

    CreatedTorrent created =
        TorrentCreator.builder()
            .addPath(file)
            .license(LICENSE)
            .announce(List.of("ws://127.0.0.1:8000"))
            .build()
            .create();
    TorrentInfo parsed = TorrentInfo.parse(created.torrentFile());

    assertThat(parsed.license()).contains(LICENSE);
    assertThat(parsed.isLicenseCommitted()).isTrue();
    assertThat(parsed.isPrivate()).isTrue();
    assertThat(parsed.infoHash()).isEqualTo(created.infoHash());
    assertThat(created.magnet().license()).contains(LICENSE.partial());
    assertThat(created.magnet().toString())
        .isEqualTo(parsed.toMagnetUri().toString())
        .contains(
            "&pp=http%3A%2F%2F127.0.0.1%3A3000%2Fspsp%2F", "&vr=http%3A%2F%2F127.0.0.1%3A3000");
  }

  @Test
  void trackersAsUrisMakeTheSameTorrentAsTrackersAsText(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "film.bin", 20_000);
    byte[] asText =
        TorrentCreator.builder()
            .addPath(file)
            .noCreationDate()
            .announce(List.of("ws://127.0.0.1:8000", "udp://127.0.0.1:8001"))
            .build()
            .create()
            .torrentFile();
    byte[] asUris =
        TorrentCreator.builder()
            .addPath(file)
            .noCreationDate()
            .announceUris(
                List.of(
                    java.net.URI.create("ws://127.0.0.1:8000"),
                    java.net.URI.create("udp://127.0.0.1:8001")))
            .build()
            .create()
            .torrentFile();
    assertThat(asUris).isEqualTo(asText);
    assertThat(TorrentInfo.parse(asUris).announce())
        .containsExactly("ws://127.0.0.1:8000", "udp://127.0.0.1:8001");
  }

  @Test
  void theLargestAmountIsCommittedAndOneMoreIsRefused(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "film.bin", 1000);
    License largest =
        new License(LICENSE.paymentPointer(), LICENSE.verifier(), License.MAX_AMOUNT, "USD", 0);

    CreatedTorrent created =
        TorrentCreator.builder().addPath(file).license(largest).build().create();

    assertThat(TorrentInfo.parse(created.torrentFile()).license()).contains(largest);
    assertThat(new String(created.torrentFile(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("6:amount20:18446744073709551615");
    assertThatThrownBy(
            () ->
                TorrentCreator.builder()
                    .addPath(file)
                    .license(
                        License.ofPrice(
                            LICENSE.paymentPointer(),
                            LICENSE.verifier(),
                            "18446744073709551616",
                            "USD",
                            0))
                    .build())
        .isInstanceOf(org.ilptorrent.magnet.InvalidLicenseException.class)
        .hasMessageStartingWith("amount must be at most 18446744073709551615");
  }

  @Test
  void aPaidTorrentCannotBePublic(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "a.bin", 10);
    assertThatThrownBy(
            () -> TorrentCreator.builder().addPath(file).license(LICENSE).isPrivate(false).build())
        .isInstanceOf(InvalidTorrentInputException.class)
        .hasMessageContaining("private");
  }

  @Test
  void writesTrackersWebSeedsCommentAndCreator(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "a.bin", 10);

    CreatedTorrent created =
        TorrentCreator.builder()
            .addPath(file)
            .announceTiers(
                List.of(
                    List.of("udp://127.0.0.1:1", "udp://127.0.0.1:2"), List.of("ws://127.0.0.1:3")))
            .urlList(List.of("http://127.0.0.1:9/a.bin"))
            .comment("hello")
            .creationDate(Instant.parse("2026-01-01T00:00:00.001Z"))
            .build()
            .create();
    TorrentInfo t = TorrentInfo.parse(created.torrentFile());

    assertThat(t.announceTiers())
        .containsExactly(
            List.of("udp://127.0.0.1:1", "udp://127.0.0.1:2"), List.of("ws://127.0.0.1:3"));
    assertThat(t.urlList()).containsExactly("http://127.0.0.1:9/a.bin");
    assertThat(t.comment()).contains("hello");
    assertThat(t.createdBy().orElseThrow()).startsWith("ilp-torrent/");
    assertThat(t.created()).contains(Instant.parse("2026-01-01T00:00:01Z"));
    assertThat(created.magnet().announce()).hasSize(3);
    assertThat(t.toTorrentFile()).isEqualTo(created.torrentFile());
  }

  @Test
  void addsNoTrackerOrDateWhenToldNot(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "a.bin", 10);
    TorrentInfo t =
        TorrentInfo.parse(
            TorrentCreator.builder()
                .addPath(file)
                .noCreationDate()
                .createdBy(null)
                .build()
                .create()
                .torrentFile());

    assertThat(t.announce()).isEmpty();
    assertThat(t.created()).isEmpty();
    assertThat(t.createdBy()).isEmpty();
  }

  @Test
  void extraInfoKeysChangeTheInfoHash(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "a.bin", 10);
    CreatedTorrent plain = TorrentCreator.builder().addPath(file).build().create();
    CreatedTorrent sourced =
        TorrentCreator.builder()
            .addPath(file)
            .putInfo("source", "ilp")
            .putInfo("été", 3)
            .build()
            .create();

    assertThat(sourced.infoHash()).isNotEqualTo(plain.infoHash());
    assertThat(TorrentInfo.parse(sourced.torrentFile()).toTorrentFile())
        .isEqualTo(sourced.torrentFile());
    assertThatThrownBy(() -> TorrentCreator.builder().addPath(file).putInfo("pieces", "x"))
        .isInstanceOf(InvalidTorrentInputException.class);
  }

  @Test
  void aStreamGivesTheSameTorrentAsTheFile(@TempDir Path dir) throws Exception {
    byte[] data = SampleInputs.content("same.bin", 200_000);
    Path file = dir.resolve("same.bin");
    Files.write(file, data);

    CreatedTorrent fromFile =
        TorrentCreator.builder().addPath(file).noCreationDate().build().create();
    CreatedTorrent fromStream =
        TorrentCreator.builder()
            .addStream("same.bin", data.length, () -> new ByteArrayInputStream(data))
            .noCreationDate()
            .build()
            .create();

    assertThat(fromStream.infoHash()).isEqualTo(fromFile.infoHash());
    assertThat(fromStream.torrentFile()).isEqualTo(fromFile.torrentFile());
  }

  @Test
  void streamsMixWithFilesInAMultiFileTorrent(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "a.bin", 40_000);
    byte[] data = SampleInputs.content("b.bin", 30_000);

    TorrentInfo t =
        TorrentInfo.parse(
            TorrentCreator.builder()
                .addPath(file)
                .addStream("extra/b.bin", data.length, () -> new ByteArrayInputStream(data))
                .name("mix")
                .pieceLength(16384)
                .parallelism(1)
                .build()
                .create()
                .torrentFile());

    assertThat(t.files()).extracting(f -> f.path()).containsExactly("mix/a.bin", "mix/extra/b.bin");
    assertThat(t.pieceCount()).isEqualTo(5);
  }

  @Test
  void progressReachesTheTotal(@TempDir Path dir) throws Exception {
    Path file = SampleInputs.write(dir, "p.bin", 1_000_000);
    AtomicLong last = new AtomicLong();
    AtomicLong total = new AtomicLong();

    TorrentCreator.builder()
        .addPath(file)
        .pieceLength(16384)
        .progressListener(
            (done, all) -> {
              last.accumulateAndGet(done, Math::max);
              total.set(all);
            })
        .build()
        .create();

    assertThat(total.get()).isEqualTo(1_000_000);
    assertThat(last.get()).isEqualTo(1_000_000);
  }

  @Test
  void defaultPieceLengthFollowsCreateTorrent() {
    assertThat(TorrentCreator.defaultPieceLength(0)).isEqualTo(16384);
    assertThat(TorrentCreator.defaultPieceLength(100_000_000)).isEqualTo(131072);
    assertThat(TorrentCreator.defaultPieceLength(1L << 30)).isEqualTo(1 << 20);
    assertThat(TorrentCreator.defaultPieceLength(1L << 40)).isEqualTo(4 << 20);
  }

  @Test
  void badInputsGiveClearErrors(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Files.createDirectories(dir.resolve("hidden-only"));
    Files.writeString(dir.resolve("hidden-only/.secret"), "x");
    Path file = SampleInputs.write(dir, "ok.bin", 10);

    assertThatThrownBy(() -> TorrentCreator.builder().build())
        .isInstanceOf(InvalidTorrentInputException.class);
    assertThatThrownBy(
            () ->
                TorrentCreator.builder()
                    .addPath(dir.resolve("missing"))
                    .addPath(file)
                    .build()
                    .create())
        .isInstanceOf(InvalidTorrentInputException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(
            () -> TorrentCreator.builder().addPath(dir.resolve("empty")).build().create())
        .isInstanceOf(InvalidTorrentInputException.class)
        .hasMessageContaining("no files");
    assertThatThrownBy(
            () -> TorrentCreator.builder().addPath(dir.resolve("hidden-only")).build().create())
        .isInstanceOf(InvalidTorrentInputException.class)
        .hasMessageContaining("hidden");
    assertThatThrownBy(() -> TorrentCreator.builder().addPath(file).name("a/b").build().create())
        .isInstanceOf(InvalidTorrentInputException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(
            () ->
                TorrentCreator.builder()
                    .addStream("a", -1, () -> new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(InvalidTorrentInputException.class);
    assertThatThrownBy(
            () ->
                TorrentCreator.builder()
                    .addStream("short.bin", 100, () -> new ByteArrayInputStream(new byte[40]))
                    .build()
                    .create())
        .isInstanceOf(InvalidTorrentInputException.class)
        .hasMessageContaining("ended 60 bytes before");
    assertThatThrownBy(
            () -> TorrentCreator.builder().addStream("../x", 1, () -> null).build().create())
        .isInstanceOf(InvalidTorrentInputException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000, 16383, 16385, 3 * 16384, -16384})
  void pieceLengthMustBeAPowerOfTwoOfAtLeast16KiB(int bytes) {
    assertThatThrownBy(() -> TorrentCreator.builder().pieceLength(bytes))
        .isInstanceOf(InvalidTorrentInputException.class)
        .hasMessageContaining("power of two");
  }
}
