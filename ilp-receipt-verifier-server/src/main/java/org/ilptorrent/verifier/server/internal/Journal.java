package org.ilptorrent.verifier.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * An append-only file of records, one per line: {@code <crc32 hex> <payload>}. Writes happen in the
 * caller's order; {@link #sync(long)} makes everything up to a record durable, and callers waiting
 * at once share one {@code fsync} (group commit).
 *
 * <p>Reading tolerates a torn last record, which a crash mid-write leaves behind, and drops it; a
 * damaged record anywhere else is an error, since records after it would be replayed without it.
 */
public final class Journal implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Object syncLock = new Object();
  private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
  private long written;
  private long synced;
  private boolean syncing;

  private Journal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Replays {@code file} (if it exists) into {@code replay}, then rewrites it as {@code snapshot}
   * (the state the replay built, as fresh records) and opens it for appending.
   */
  public static Journal open(
      Path file, Consumer<String> replay, Consumer<Consumer<String>> snapshot) throws IOException {
    if (Files.exists(file)) {
      replayFile(file, replay);
    }
    // Written 0600: the snapshot replaces the journal, so an older journal with a wider mode
    // becomes private on the first start of this version.
    StringBuilder records = new StringBuilder();
    snapshot.accept(payload -> records.append(frame(payload)));
    PrivateFiles.write(file, records.toString().getBytes(StandardCharsets.UTF_8));
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new Journal(file, channel);
  }

  /**
   * Adds a record to the next write; no I/O happens here, so callers holding their own lock never
   * wait for the disk.
   *
   * @return its sequence number, for {@link #sync(long)}
   */
  public synchronized long append(String payload) {
    pending.writeBytes(frame(payload).getBytes(StandardCharsets.UTF_8));
    return ++written;
  }

  /**
   * Returns once record {@code seq} and all before it are on disk. One caller at a time writes
   * everything appended so far and fsyncs it while the others wait; when it is done all of them
   * wake at once, and those whose records went out return without touching the disk.
   */
  public void sync(long seq) throws IOException {
    synchronized (syncLock) {
      while (synced < seq && syncing) {
        try {
          syncLock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted waiting for the journal");
        }
      }
      if (synced >= seq) {
        return;
      }
      syncing = true;
    }
    long upTo = 0;
    try {
      byte[] batch;
      synchronized (this) {
        batch = pending.toByteArray();
        pending.reset();
        upTo = written;
      }
      ByteBuffer data = ByteBuffer.wrap(batch);
      while (data.hasRemaining()) {
        channel.write(data);
      }
      channel.force(false);
    } finally {
      synchronized (syncLock) {
        synced = Math.max(synced, upTo);
        syncing = false;
        syncLock.notifyAll();
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (!channel.isOpen()) {
        return;
      }
    }
    sync(lastWritten());
    channel.close();
  }

  /** The sequence number of the last record appended, for {@link #sync(long)}. */
  public synchronized long lastWritten() {
    return written;
  }

  @Override
  public String toString() {
    return "Journal[" + file + "]";
  }

  private static String frame(String payload) {
    if (payload.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("journal records are single lines");
    }
    CRC32 crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x %s%n", crc.getValue(), payload);
  }

  private static void replayFile(Path file, Consumer<String> replay) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = content.lines().toList();
    boolean lastComplete = content.endsWith("\n");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean last = i == lines.size() - 1;
      String payload = line.length() > 9 ? line.substring(9) : null;
      boolean valid =
          payload != null
              && line.charAt(8) == ' '
              && checksumMatches(line.substring(0, 8), payload);
      if (!valid || (last && !lastComplete)) {
        if (last) {
          return; // a torn last record: the write it belonged to was never acknowledged
        }
        throw new IOException(file + ": damaged record at line " + (i + 1));
      }
      replay.accept(payload);
    }
  }

  private static boolean checksumMatches(String hex, String payload) {
    CRC32 crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    try {
      return Long.parseLong(hex, 16) == crc.getValue();
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
