package org.ilptorrent.create;

import java.util.Arrays;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;

/**
 * A torrent made by {@link TorrentCreator}.
 *
 * @param torrentFile the .torrent file's bytes (canonical bencoding)
 * @param infoHash the SHA-1 of its info dictionary
 * @param magnet a magnet link: info hash, name, trackers, web seeds, and pointer and verifier of a
 *     paid torrent
 */
public record CreatedTorrent(byte[] torrentFile, InfoHash infoHash, MagnetUri magnet) {
  /** Copies the bytes in. */
  public CreatedTorrent {
    torrentFile = torrentFile.clone();
  }

  /** A copy of the .torrent file's bytes. */
  @Override
  public byte[] torrentFile() {
    return torrentFile.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CreatedTorrent other && Arrays.equals(torrentFile, other.torrentFile);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(torrentFile);
  }

  @Override
  public String toString() {
    return "CreatedTorrent[" + infoHash + ", " + torrentFile.length + " bytes]";
  }
}
