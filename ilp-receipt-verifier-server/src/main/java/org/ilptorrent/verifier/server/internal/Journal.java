package org.ilptorrent.verifier.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * An append-only file of records, one per line: {@code <crc32 hex> <payload>}. Writes happen in the
 * caller's order; {@link #durable(long)} completes once everything up to a record is on disk.
 *
 * <p>Group commit: {@link #append} only copies the record into memory. One thread of the journal
 * ({@code ilp-verifier-journal}) writes everything appended so far, forces it ({@code fdatasync})
 * and then completes every waiter whose record went out, in one batch; records appended meanwhile
 * go out with the next force. Nobody waits on a thread of their own: an event loop can append and
 * answer from the completion.
 *
 * <p>A failed write or force fails the waiters of that batch and every later one: after an {@code
 * fsync} error the kernel may have dropped the data, so no later record can be called durable.
 *
 * <p>Reading tolerates a torn last record, which a crash mid-write leaves behind, and drops it; a
 * damaged record anywhere else is an error, since records after it would be replayed without it.
 */
public final class Journal implements AutoCloseable {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final FileChannel channel;
  private final Thread syncer;
  private final CRC32 crc = new CRC32();
  // Guarded by this.
  private byte[] pending = new byte[8192];
  private int pendingLength;
  private long written;
  private long synced;
  private IOException failure;
  private boolean closing;
  private boolean syncerWaiting;
  private List<Waiter> waiters = new ArrayList<>();

  private record Waiter(long seq, CompletableFuture<Void> done) {}

  private Journal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
    this.syncer = new Thread(this::syncLoop, "ilp-verifier-journal");
    syncer.setDaemon(true);
    syncer.start();
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
   * @return its sequence number, for {@link #durable(long)}
   */
  public synchronized long append(String payload) {
    if (payload.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("journal records are single lines");
    }
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    crc.reset();
    crc.update(bytes);
    long value = crc.getValue();
    ensure(pendingLength + 10 + bytes.length);
    for (int shift = 28; shift >= 0; shift -= 4) {
      pending[pendingLength++] = HEX[(int) (value >>> shift) & 0xF];
    }
    pending[pendingLength++] = ' ';
    System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
    pendingLength += bytes.length;
    pending[pendingLength++] = '\n';
    if (syncerWaiting) {
      notifyAll();
    }
    return ++written;
  }

  private void ensure(int capacity) {
    if (capacity > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(capacity, pending.length * 2));
    }
  }

  /**
   * Completes once record {@code seq} and all before it are on disk, or exceptionally with the
   * {@link IOException} that kept them from it. Completed on the journal's thread.
   */
  public CompletableFuture<Void> durable(long seq) {
    synchronized (this) {
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      if (synced >= seq) {
        return CompletableFuture.completedFuture(null);
      }
      if (closing) {
        return CompletableFuture.failedFuture(new IOException("the journal is closed"));
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      waiters.add(new Waiter(seq, done));
      return done;
    }
  }

  private void syncLoop() {
    try {
      forceBatches();
    } catch (RuntimeException | Error e) {
      // Nothing may wait forever for a thread that is gone: fail the waiters and all later ones.
      List<Waiter> left;
      IOException dead = new IOException("the journal's thread failed", e);
      synchronized (this) {
        if (failure == null) {
          failure = dead;
        }
        left = takeWaiters(Long.MAX_VALUE);
      }
      for (Waiter w : left) {
        w.done().completeExceptionally(dead);
      }
      throw e;
    }
  }

  private void forceBatches() {
    byte[] spare = new byte[8192];
    while (true) {
      byte[] batch;
      int length;
      long upTo;
      synchronized (this) {
        while (pendingLength == 0 && !closing) {
          syncerWaiting = true;
          try {
            wait();
          } catch (InterruptedException e) {
            // close() interrupts only after setting closing; the loop ends below.
            closing = true;
          } finally {
            syncerWaiting = false;
          }
        }
        if (pendingLength == 0) {
          return;
        }
        batch = pending;
        length = pendingLength;
        upTo = written;
        pending = spare.length >= batch.length ? spare : new byte[batch.length];
        pendingLength = 0;
      }
      IOException error = failure(batch, length);
      spare = batch;
      List<Waiter> done;
      synchronized (this) {
        if (error != null && failure == null) {
          failure = error;
        }
        if (failure == null) {
          synced = upTo;
        }
        done = takeWaiters(failure == null ? upTo : Long.MAX_VALUE);
      }
      IOException failed = error;
      for (Waiter w : done) {
        if (failed == null) {
          w.done().complete(null);
        } else {
          w.done().completeExceptionally(failed);
        }
      }
    }
  }

  /** Writes and forces a batch; the error, or null. */
  private IOException failure(byte[] batch, int length) {
    synchronized (this) {
      if (failure != null) {
        return failure;
      }
    }
    try {
      ByteBuffer data = ByteBuffer.wrap(batch, 0, length);
      while (data.hasRemaining()) {
        channel.write(data);
      }
      channel.force(false);
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  /** Removes and returns the waiters whose records are up to {@code seq}. Holds this. */
  private List<Waiter> takeWaiters(long seq) {
    List<Waiter> done = new ArrayList<>();
    List<Waiter> rest = new ArrayList<>();
    for (Waiter w : waiters) {
      (w.seq() <= seq ? done : rest).add(w);
    }
    waiters = rest;
    return done;
  }

  /**
   * Writes and forces what was appended, stops the journal's thread and closes the file. Later
   * {@link #durable} calls fail. Idempotent.
   */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (closing && !syncer.isAlive()) {
        return;
      }
      closing = true;
      notifyAll();
    }
    boolean interrupted = false;
    while (syncer.isAlive()) {
      try {
        syncer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    List<Waiter> left;
    synchronized (this) {
      left = takeWaiters(Long.MAX_VALUE);
    }
    for (Waiter w : left) {
      w.done().completeExceptionally(new IOException("the journal is closed"));
    }
    channel.close();
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** The sequence number of the last record appended, for {@link #durable(long)}. */
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
    String hex = Long.toHexString(crc.getValue());
    return "0".repeat(8 - hex.length()) + hex + " " + payload + "\n";
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
