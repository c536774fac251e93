package org.ilptorrent.webtorrent;

import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import org.ilptorrent.parse.FileEntry;
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

  TorrentFile(TorrentSession session, FileEntry file) {
    this.session = session;
    this.file = file;
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
   * A stream of the file from its start. A read blocks until its bytes are verified; it fails with
   * an {@link java.io.IOException} when the torrent is removed or fails, and with {@link
   * java.io.InterruptedIOException} when the reading thread is interrupted.
   */
  public InputStream newInputStream() {
    return Channels.newInputStream(newChannel());
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
