package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.parse.InvalidTorrentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilePieceStoreTest extends PieceStoreContractTest {
  @TempDir Path dir;

  @Override
  PieceStore store(TestTorrents t) {
    return FilePieceStore.open(dir.resolve("downloads"), t.torrent());
  }

  @Test
  void writesTheTorrentsFilesByteForByte() throws Exception {
    try (PieceStore s = store(t)) {
      writeAll(s, new Random(5));
      s.flush();
    }
    for (Map.Entry<String, byte[]> f : t.files().entrySet()) {
      assertThat(dir.resolve("downloads/set").resolve(f.getKey())).hasBinaryContent(f.getValue());
    }
  }

  @Test
  void createsNothingUntilTheFirstWriteAndOnlyTheFilesItTouches() throws Exception {
    try (PieceStore s = store(t)) {
      s.read(0, 0, 100);
      s.mayContain(3);
      assertThat(dir.resolve("downloads")).doesNotExist();
      // piece 0 covers file 0 (10,000 bytes) and the start of file 1
      s.write(0, 0, ByteBuffer.wrap(slice(0, 0, 100)));
      assertThat(dir.resolve("downloads/set/dir/file0.bin")).exists();
      assertThat(dir.resolve("downloads/set/file1.bin")).doesNotExist();
      assertThat(dir.resolve("downloads/set/dir/file2.bin")).doesNotExist();
    }
  }

  @Test
  void emptyFilesAppearWithTheFirstWrite() throws Exception {
    List<FileEntry> files =
        List.of(
            new FileEntry("t/a", List.of("t", "a"), "a", 5, 0),
            new FileEntry("t/empty", List.of("t", "empty"), "empty", 0, 5));
    try (FilePieceStore s = FilePieceStore.open(dir, files, 16384)) {
      assertThat(s.pieceCount()).isEqualTo(1);
      s.write(0, 0, ByteBuffer.wrap(new byte[5]));
    }
    assertThat(dir.resolve("t/empty")).exists().isEmptyFile();
  }

  @Test
  void resumesFromTheFilesOfAnEarlierStore() throws Exception {
    try (PieceStore s = store(t)) {
      s.write(1, 0, ByteBuffer.wrap(slice(1, 0, PIECE)));
      s.write(3, 0, ByteBuffer.wrap(slice(3, 0, s.pieceLength(3))));
    }
    try (PieceStore again = store(t)) {
      assertThat(again.read(1, 0, PIECE)).isEqualTo(slice(1, 0, PIECE));
      assertThat(PieceVerifier.verify(t.torrent(), again).stream()).containsExactly(1, 3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "a/b", "a\\b", "nul\0byte", "/etc"})
  void refusesUnsafePathComponentsBeforeCreatingAnything(String component) {
    List<FileEntry> files = List.of(new FileEntry("x", List.of("t", component, "f"), "f", 10, 0));
    assertThatThrownBy(() -> FilePieceStore.open(dir.resolve("d"), files, 16384))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("info.files.path");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void refusesTwoFilesAtOnePathOrAFileThatIsAlsoAFolder() {
    List<FileEntry> twice =
        List.of(
            new FileEntry("t/a", List.of("t", "a"), "a", 10, 0),
            new FileEntry("t/a", List.of("t", "a"), "a", 10, 10));
    assertThatThrownBy(() -> FilePieceStore.open(dir, twice, 16384))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("two files");
    List<FileEntry> nested =
        List.of(
            new FileEntry("t/a", List.of("t", "a"), "a", 10, 0),
            new FileEntry("t/a/b", List.of("t", "a", "b"), "b", 10, 10));
    assertThatThrownBy(() -> FilePieceStore.open(dir, nested, 16384))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("also the folder");
  }

  @Test
  void refusesAnEmptyPath() {
    List<FileEntry> files = List.of(new FileEntry("", List.of(), "", 10, 0));
    assertThatThrownBy(() -> FilePieceStore.open(dir, files, 16384))
        .isInstanceOf(InvalidTorrentException.class);
  }

  @Test
  void neverWritesThroughALinkOutOfTheFolder() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path folder = Files.createDirectories(dir.resolve("d"));
    Files.createSymbolicLink(folder.resolve("t"), outside);
    Files.createSymbolicLink(folder.resolve("f"), outside.resolve("target"));
    List<FileEntry> viaDir = List.of(new FileEntry("t/x", List.of("t", "x"), "x", 10, 0));
    try (FilePieceStore s = FilePieceStore.open(folder, viaDir, 16384)) {
      assertThatThrownBy(() -> s.write(0, 0, ByteBuffer.wrap(new byte[10])))
          .isInstanceOf(IOException.class);
    }
    List<FileEntry> viaFile = List.of(new FileEntry("f", List.of("f"), "f", 10, 0));
    try (FilePieceStore s = FilePieceStore.open(folder, viaFile, 16384)) {
      assertThatThrownBy(() -> s.write(0, 0, ByteBuffer.wrap(new byte[10])))
          .isInstanceOf(IOException.class);
      assertThat(s.mayContain(0)).isFalse();
    }
    try (Stream<Path> left = Files.list(outside)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void createsNothingOutsideThroughALinkedFolderDeeperDown() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path folder = Files.createDirectories(dir.resolve("d"));
    Files.createSymbolicLink(folder.resolve("t"), outside);
    List<FileEntry> deep =
        List.of(new FileEntry("t/a/b/x", List.of("t", "a", "b", "x"), "x", 10, 0));
    try (FilePieceStore s = FilePieceStore.open(folder, deep, 16384)) {
      assertThatThrownBy(() -> s.write(0, 0, ByteBuffer.wrap(new byte[10])))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("link out of the download folder");
    }
    List<FileEntry> withEmpty =
        List.of(
            new FileEntry("t/c/e", List.of("t", "c", "e"), "e", 0, 0),
            new FileEntry("z", List.of("z"), "z", 10, 0));
    try (FilePieceStore s = FilePieceStore.open(folder, withEmpty, 16384)) {
      assertThatThrownBy(() -> s.write(0, 0, ByteBuffer.wrap(new byte[10])))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("link out of the download folder");
    }
    try (Stream<Path> left = Files.list(outside)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFolderThatIsALinkInsideTheFolderIsStillRefused() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("d"));
    Path real = Files.createDirectories(folder.resolve("real"));
    Files.createSymbolicLink(folder.resolve("t"), real);
    List<FileEntry> viaLink = List.of(new FileEntry("t/a/x", List.of("t", "a", "x"), "x", 10, 0));
    try (FilePieceStore s = FilePieceStore.open(folder, viaLink, 16384)) {
      assertThatThrownBy(() -> s.write(0, 0, ByteBuffer.wrap(new byte[10])))
          .isInstanceOf(IOException.class);
    }
    try (Stream<Path> left = Files.list(real)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aShortFileMayNotHoldItsPieces() throws Exception {
    try (PieceStore s = store(t)) {
      writeAll(s, new Random(1));
    }
    // truncate the middle file: pieces 0..3 all touch it
    Path middle = dir.resolve("downloads/set/file1.bin");
    try (var ch =
        java.nio.channels.FileChannel.open(middle, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(20_000);
    }
    try (PieceStore s = store(t)) {
      assertThat(s.mayContain(0)).isTrue();
      assertThat(s.mayContain(1)).isFalse();
      assertThat(s.read(1, PIECE - 10, 10)).containsOnly(0);
    }
  }

  @Test
  void keepsAtMostTheOpenFileLimitAndStillWritesEverything() throws Exception {
    TestTorrents many =
        TestTorrents.multiFile(
            PIECE, 8, 5000, 9000, 100, 30_000, 1, 17_000, 4096, 22_222, 3, 12_000);
    List<FileEntry> files = many.torrent().files();
    try (FilePieceStore s = FilePieceStore.open(dir.resolve("m"), files, PIECE, 2)) {
      Thread[] writers = new Thread[3];
      java.util.concurrent.atomic.AtomicReference<Throwable> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      for (int w = 0; w < writers.length; w++) {
        int seed = w;
        writers[w] =
            new Thread(
                () -> {
                  try {
                    Random r = new Random(seed);
                    for (int round = 0; round < 200; round++) {
                      int p = r.nextInt(s.pieceCount());
                      int off = r.nextInt(s.pieceLength(p));
                      int n = 1 + r.nextInt(s.pieceLength(p) - off);
                      int from = p * PIECE + off;
                      s.write(
                          p,
                          off,
                          ByteBuffer.wrap(
                              java.util.Arrays.copyOfRange(many.content(), from, from + n)));
                      assertThat(s.openFileCount()).isLessThanOrEqualTo(2);
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                });
        writers[w].start();
      }
      for (Thread w : writers) {
        w.join();
      }
      assertThat(failure.get()).isNull();
      for (int p = 0; p < s.pieceCount(); p++) {
        int from = p * PIECE;
        s.write(
            p,
            0,
            ByteBuffer.wrap(
                java.util.Arrays.copyOfRange(many.content(), from, from + s.pieceLength(p))));
      }
      s.flush();
      assertThat(s.openFileCount()).isLessThanOrEqualTo(2);
      assertThat(PieceVerifier.verify(many.torrent(), s, 4).cardinality())
          .isEqualTo(s.pieceCount());
    }
    for (Map.Entry<String, byte[]> f : many.files().entrySet()) {
      assertThat(dir.resolve("m/set").resolve(f.getKey())).hasBinaryContent(f.getValue());
    }
  }

  @Test
  void anInterruptedWriterDoesNotLeaveOthersWithADeadFile() throws Exception {
    try (FilePieceStore s = FilePieceStore.open(dir.resolve("i"), t.torrent())) {
      s.write(0, 0, ByteBuffer.wrap(slice(0, 0, 100)));
      java.util.concurrent.atomic.AtomicReference<Throwable> seen =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread interrupted =
          new Thread(
              () -> {
                Thread.currentThread().interrupt();
                try {
                  s.write(0, 100, ByteBuffer.wrap(slice(0, 100, 100)));
                } catch (IOException e) {
                  seen.set(e);
                }
              });
      interrupted.start();
      interrupted.join();
      assertThat(seen.get()).isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
      // the channel it closed is reopened for everyone else
      s.write(0, 100, ByteBuffer.wrap(slice(0, 100, 100)));
      assertThat(s.read(0, 0, 200)).isEqualTo(slice(0, 0, 200));
    }
  }

  @Test
  void padFilesAreNeverOnDiskReadAsZerosAndDropWhatIsWrittenToThem() throws Exception {
    // libtorrent's layout: two pad files of one size share the path .pad/<size>
    PaddedTorrent t = PaddedTorrent.of("album", 1024, 3, 1000, 10, 1000);
    assertThat(t.torrent().files().stream().filter(FileEntry::padding).map(FileEntry::path))
        .containsExactly("album/.pad/24", "album/.pad/1014", "album/.pad/24");
    int pieces = t.torrent().pieceCount();
    try (FilePieceStore s = FilePieceStore.open(dir, t.torrent())) {
      for (int p = 0; p < pieces; p++) {
        byte[] data = new byte[s.pieceLength(p)];
        System.arraycopy(t.content(), p * 1024, data, 0, data.length);
        // a peer's non-zero padding bytes never reach the disk
        for (int i = 0; i < data.length; i++) {
          if (isPadding(t, p * 1024L + i)) {
            data[i] = 0x55;
          }
        }
        s.write(p, 0, ByteBuffer.wrap(data));
      }
      s.flush();
      for (int p = 0; p < pieces; p++) {
        assertThat(s.mayContain(p)).isTrue();
        byte[] expected = new byte[s.pieceLength(p)];
        System.arraycopy(t.content(), p * 1024, expected, 0, expected.length);
        assertThat(s.read(p, 0, expected.length)).as("piece %d", p).isEqualTo(expected);
      }
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      assertThat(walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()))
          .containsExactlyInAnyOrder("album/file0.bin", "album/file1.bin", "album/file2.bin");
    }
    assertThat(dir.resolve("album/.pad")).doesNotExist();
    for (Map.Entry<String, byte[]> f : t.files().entrySet()) {
      assertThat(dir.resolve(f.getKey())).hasBinaryContent(f.getValue());
    }
  }

  @Test
  void aPieceOfRealBytesAndPaddingMayBeHeldWhenOnlyTheRealFileIsThere() throws Exception {
    PaddedTorrent t = PaddedTorrent.of("album", 1024, 4, 10, 2048).writeTo(dir);
    try (FilePieceStore s = FilePieceStore.open(dir, t.torrent())) {
      // piece 0: 10 bytes of file0.bin, then 1014 bytes of padding
      assertThat(s.mayContain(0)).isTrue();
      assertThat(PieceVerifier.verify(t.torrent(), s).cardinality()).isEqualTo(3);
    }
  }

  private static boolean isPadding(PaddedTorrent t, long at) {
    return t.torrent().files().stream()
        .anyMatch(f -> f.padding() && at >= f.offset() && at < f.offset() + f.length());
  }
}
