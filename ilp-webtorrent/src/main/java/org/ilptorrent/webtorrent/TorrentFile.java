package org.ilptorrent.webtorrent;

import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.webtorrent.internal.session.FileSelection;
import org.ilptorrent.webtorrent.internal.session.StreamingChannel;
import org.ilptorrent.webtorrent.internal.session.TorrentSession;

/**
 * One file of a torrent being downloaded or seeded, readable while it downloads: reads block until
 * the bytes they need are verified, and make the pieces they need (and the next two) critical so
 * the picker fetches them before anything else.
 */
public final class TorrentFile {
  private final TorrentSession session;
  private final FileEntry file;
  private final int index;

  TorrentFile(TorrentSession session, FileEntry file, int index) {
    this.session = session;
    this.file = file;
    this.index = index;
  }

  /** The path inside the download folder, as components, starting with the torrent's name. */
  public List<String> path() {
    return file.components();
  }

  /** Bytes of the file. */
  public long length() {
    return file.length();
  }

  /** Where the file starts in the torrent's concatenated content. */
  public long offset() {
    return file.offset();
  }

  /**
   * Whether this is a BEP 47 pad file (libtorrent's {@code .pad/N}): zeros that align the next file
   * to a piece, never written to disk. It stays in {@link Torrent#files()}, as in WebTorrent;
   * reading it gives zeros.
   */
  public boolean padding() {
    return file.padding();
  }

  /**
   * Bytes of this file in verified pieces (WebTorrent's {@code file.downloaded}); 0 before storage
   * is checked, {@link #length()} once the file is complete.
   */
  public long downloaded() {
    return session.verifiedBytesOf(file.offset(), file.length());
  }

  /** {@link #downloaded()} as a fraction in 0..1 (1 for an empty file). */
  public double progress() {
    return file.length() == 0 ? 1 : (double) downloaded() / file.length();
  }

  /**
   * Wants this file's pieces at {@code priority} (higher first, 0 normal), like WebTorrent's {@code
   * file.select(priority)}; undoes a {@link #deselect()}.
   *
   * @throws IllegalArgumentException when {@code priority} is negative
   */
  public void select(int priority) {
    if (priority < 0) {
      throw new IllegalArgumentException("priority must not be negative: " + priority);
    }
    session.selectFile(index, priority);
  }

  /** {@link #select(int)} at normal priority. */
  public void select() {
    select(0);
  }

  /**
   * Stops wanting this file (WebTorrent's {@code file.deselect()}): its pieces are not requested,
   * except those it shares with a file still selected. Pieces already had stay, and a reader of the
   * file still gets what it reads. {@link Torrent#whenDone()} waits for every piece, so it does not
   * complete while a file is deselected and missing; wait on the wanted files' {@link
   * #downloaded()} instead.
   */
  public void deselect() {
    session.selectFile(index, FileSelection.DESELECTED);
  }

  /**
   * A stream of the file from its start. A read blocks until its bytes are verified; it fails with
   * an {@link java.io.IOException} when the torrent is removed or fails, and with {@link
   * java.io.InterruptedIOException} when the reading thread is interrupted.
   */
  public InputStream newInputStream() {
    return Channels.newInputStream(newChannel());
  }

  /**
   * A stream of the file from byte {@code offset} of it (for a player that seeks, or an HTTP
   * range), blocking like {@link #newInputStream()}; at {@link #length()} it is empty.
   *
   * @throws IllegalArgumentException when {@code offset} is negative or past the end
   */
  public InputStream newInputStream(long offset) {
    if (offset < 0 || offset > file.length()) {
      throw new IllegalArgumentException(
          "offset " + offset + " outside the file (0 to " + file.length() + ")");
    }
    SeekableByteChannel channel = newChannel();
    try {
      channel.position(offset);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a new channel is open
    }
    return Channels.newInputStream(channel);
  }

  /** A read-only seekable channel over the file, blocking like {@link #newInputStream()}. */
  public SeekableByteChannel newChannel() {
    return new StreamingChannel(session, file.offset(), file.length());
  }

  @Override
  public String toString() {
    return String.join("/", path()) + " (" + length() + " bytes)";
  }
}
