package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The tracker's durable memory in a data directory: each registered paid torrent as {@code
 * torrents/<info hash>.torrent} plus a journal line, and each entitlement as a journal line holding
 * the SHA-256 of the balance id (never the id itself). Every append is forced to disk before it is
 * acknowledged. A torn last line, left by a crash mid-write, is dropped on open.
 *
 * <p>Journal lines: {@code torrent <info hash hex> <seeder token>} and {@code paid <info hash hex>
 * <sha256 of balance id, hex>}.
 */
final class PaidJournal implements AutoCloseable {
  /** What replaying the journal hands back. */
  interface Replay {
    void torrent(byte[] torrentFile, String seederToken);

    void entitlement(String infoHashHex, String balanceDigest);
  }

  private final Path dir;
  private final FileChannel journal;

  private PaidJournal(Path dir, FileChannel journal) {
    this.dir = dir;
    this.journal = journal;
  }

  /** Opens (creating) the journal in {@code dir} and replays it. */
  static PaidJournal open(Path dir, Replay replay) throws IOException {
    Files.createDirectories(dir.resolve("torrents"));
    Path file = dir.resolve("tracker.journal");
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      byte[] all = Files.readAllBytes(file);
      int good = 0;
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          apply(dir, new String(all, start, i - start, StandardCharsets.US_ASCII), replay);
          start = i + 1;
          good = start;
        }
      }
      channel.truncate(good);
      channel.position(good);
      return new PaidJournal(dir, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static void apply(Path dir, String line, Replay replay) throws IOException {
    String[] f = line.split(" ");
    if (f.length == 3 && f[0].equals("torrent") && isHex(f[1], 40)) {
      replay.torrent(Files.readAllBytes(torrentPath(dir, f[1])), f[2]);
    } else if (f.length == 3 && f[0].equals("paid") && isHex(f[1], 40) && isHex(f[2], 64)) {
      replay.entitlement(f[1], f[2]);
    } else {
      throw new IOException("corrupt tracker journal line: " + line.length() + " characters");
    }
  }

  private static boolean isHex(String s, int length) {
    return s.length() == length && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static Path torrentPath(Path dir, String infoHashHex) {
    return dir.resolve("torrents").resolve(infoHashHex + ".torrent");
  }

  /** Stores a registered torrent durably. */
  synchronized void torrent(String infoHashHex, byte[] torrentFile, String seederToken)
      throws IOException {
    Path target = torrentPath(dir, infoHashHex);
    Path temp = target.resolveSibling(infoHashHex + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(ByteBuffer.wrap(torrentFile));
      out.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    append("torrent " + infoHashHex + " " + seederToken);
  }

  /** Stores an entitlement durably. */
  synchronized void entitlement(String infoHashHex, String balanceDigest) throws IOException {
    append("paid " + infoHashHex + " " + balanceDigest);
  }

  private void append(String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
    while (b.hasRemaining()) {
      journal.write(b);
    }
    journal.force(false);
  }

  @Override
  public synchronized void close() throws IOException {
    journal.close();
  }
}
