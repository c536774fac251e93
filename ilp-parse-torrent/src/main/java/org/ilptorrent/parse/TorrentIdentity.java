package org.ilptorrent.parse;

import java.util.List;
import java.util.Optional;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.InvalidInfoHashException;
import org.ilptorrent.magnet.InvalidMagnetUriException;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PartialLicense;

/**
 * A torrent known by its identity only, as a magnet link or a bare info hash gives it: enough to
 * find peers and fetch the metadata, not enough to download.
 *
 * @param magnet the magnet link this identity was read from, or the one a bare info hash makes
 */
public record TorrentIdentity(MagnetUri magnet) {
  /** Checks the magnet has a v1 info hash. */
  public TorrentIdentity {
    if (magnet == null || magnet.infoHash().isEmpty()) {
      throw new InvalidTorrentException(null, -1, "a torrent identity needs a v1 info hash");
    }
  }

  /** The identity a magnet gives. */
  public static TorrentIdentity of(MagnetUri magnet) {
    return new TorrentIdentity(magnet);
  }

  /**
   * Parses a magnet link, or an info hash as 40 hex digits or 32 base32 characters.
   *
   * @throws InvalidTorrentException saying why the text is neither
   */
  public static TorrentIdentity parse(String text) {
    if (text == null) {
      throw new InvalidTorrentException(null, -1, "torrent identifier is null");
    }
    String trimmed = text.strip();
    try {
      if (trimmed.regionMatches(true, 0, "magnet:", 0, 7)) {
        return new TorrentIdentity(MagnetUri.parse(trimmed));
      }
      InfoHash hash = InfoHash.parse(trimmed);
      if (hash.version() != 1) {
        throw new InvalidTorrentException(null, -1, "a bare v2 info hash is not supported");
      }
      return new TorrentIdentity(MagnetUri.builder(hash).build());
    } catch (InvalidMagnetUriException | InvalidInfoHashException e) {
      throw new InvalidTorrentException(
          null, -1, "not a magnet link or info hash: " + e.getMessage());
    }
  }

  /** Like {@link #parse(String)}, but empty instead of throwing. */
  public static Optional<TorrentIdentity> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidTorrentException e) {
      return Optional.empty();
    }
  }

  /** The v1 info hash. */
  public InfoHash infoHash() {
    return magnet.infoHash().orElseThrow();
  }

  /** The display name, when the magnet has one. */
  public Optional<String> name() {
    return magnet.name();
  }

  /** Tracker URLs. */
  public List<String> announce() {
    return magnet.announce();
  }

  /** Web seeds and acceptable sources. */
  public List<String> urlList() {
    return magnet.urlList();
  }

  /** Pointer and verifier of a paid torrent. */
  public Optional<PartialLicense> license() {
    return magnet.license();
  }
}
