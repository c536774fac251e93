package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracker's durable memory in a data directory: each registered paid torrent as {@code
 * torrents/<info hash>.torrent} plus a journal line, and each entitlement as a journal line.
 * Secrets never reach the disk: a journal line holds the SHA-256 of the seeder token and of the
 * balance id, never the token or the id itself. Every append is forced to disk before it is
 * acknowledged. A torn last line, left by a crash mid-write, is dropped on open. The folders are
 * 0700 and the files 0600.
 *
 * <p>Journal lines: {@code torrent <info hash hex> <sha256 of the seeder token, hex>} and {@code
 * paid <info hash hex> <sha256 of balance id, hex>}. A journal written before tokens were digested
 * holds the token itself in a {@code torrent} line; such a journal is rewritten with digests when
 * it is opened.
 */
final class PaidJournal implements AutoCloseable {
  /** What replaying the journal hands back. */
  interface Replay {
    void torrent(byte[] torrentFile, String seederTokenDigest);

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
    PrivateFiles.directory(dir);
    PrivateFiles.directory(dir.resolve("torrents"));
    Path file = dir.resolve("tracker.journal");
    byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    List<String> lines = new ArrayList<>();
    boolean legacy = false;
    int good = 0;
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        String line = new String(all, start, i - start, StandardCharsets.US_ASCII);
        String kept = apply(dir, line, replay);
        legacy |= !kept.equals(line);
        lines.add(kept);
        start = i + 1;
        good = start;
      }
    }
    if (legacy) {
      StringBuilder text = new StringBuilder();
      lines.forEach(l -> text.append(l).append('\n'));
      PrivateFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
      good = text.length();
    }
    FileChannel channel =
        PrivateFiles.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      channel.truncate(good);
      channel.position(good);
      try (var torrents = Files.list(dir.resolve("torrents"))) {
        for (Path t : (Iterable<Path>) torrents::iterator) {
          PrivateFiles.restrict(t);
        }
      }
      return new PaidJournal(dir, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Replays one line; returns it as it should be kept (a clear seeder token digested). */
  private static String apply(Path dir, String line, Replay replay) throws IOException {
    String[] f = line.split(" ");
    if (f.length == 3 && f[0].equals("torrent") && isHex(f[1], 40)) {
      String digest = isHex(f[2], 64) ? f[2] : Secrets.sha256Hex(f[2]);
      replay.torrent(Files.readAllBytes(torrentPath(dir, f[1])), digest);
      return "torrent " + f[1] + " " + digest;
    } else if (f.length == 3 && f[0].equals("paid") && isHex(f[1], 40) && isHex(f[2], 64)) {
      replay.entitlement(f[1], f[2]);
      return line;
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

  /** Stores a registered torrent durably, with the digest of its seeder token. */
  synchronized void torrent(String infoHashHex, byte[] torrentFile, String seederTokenDigest)
      throws IOException {
    PrivateFiles.writeAtomically(torrentPath(dir, infoHashHex), torrentFile);
    append("torrent " + infoHashHex + " " + seederTokenDigest);
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
