package org.ilptorrent.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BencodeWriter;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.internal.DecodedTorrent;
import org.ilptorrent.parse.internal.TorrentDecoder;

/**
 * A parsed .torrent file (BEP 3): its identity, files, pieces and, for a paid torrent, its licence.
 * Field names follow npm parse-torrent.
 *
 * <p>The raw bytes of the info dictionary are kept, and the info hash is the SHA-1 of exactly those
 * bytes, never of a re-encoding. Immutable and thread-safe.
 *
 * <p>A hybrid v1+v2 torrent (BEP 52, as libtorrent 2.0 and qBittorrent make by default) is read as
 * parse-torrent reads it, through its v1 view: {@link #infoHash()}, {@link #pieces()} and {@link
 * #files()}, BEP 47 pad files included ({@link FileEntry#padding()}); {@link #infoHashV2()} gives
 * its v2 info hash. A v2-only torrent is refused.
 */
public final class TorrentInfo {
  private static final int HASH_LENGTH = 20;

  private final DecodedTorrent d;

  private TorrentInfo(DecodedTorrent decoded) {
    this.d = decoded;
  }

  /**
   * Parses .torrent bytes with {@link ParseLimits#defaults()}.
   *
   * @throws InvalidTorrentException naming the field and byte offset at fault
   */
  public static TorrentInfo parse(byte[] torrentFile) {
    return parse(torrentFile, ParseLimits.defaults());
  }

  /**
   * Parses .torrent bytes within {@code limits}.
   *
   * @throws InvalidTorrentException naming the field and byte offset at fault
   */
  public static TorrentInfo parse(byte[] torrentFile, ParseLimits limits) {
    if (torrentFile == null) {
      throw new InvalidTorrentException(null, -1, "torrent bytes are null");
    }
    return new TorrentInfo(TorrentDecoder.decode(torrentFile, limits));
  }

  /**
   * Reads and parses a .torrent file; a file larger than the limit is refused before it is read.
   *
   * @throws IOException when the file cannot be read
   * @throws InvalidTorrentException when its content is not a valid torrent
   */
  public static TorrentInfo parse(Path torrentFile, ParseLimits limits) throws IOException {
    try (InputStream in = Files.newInputStream(torrentFile)) {
      byte[] data = in.readNBytes(limits.maxTorrentBytes() + 1);
      return parse(data, limits);
    }
  }

  /** {@link #parse(Path, ParseLimits)} with the default limits. */
  public static TorrentInfo parse(Path torrentFile) throws IOException {
    return parse(torrentFile, ParseLimits.defaults());
  }

  /** Like {@link #parse(byte[])}, but empty instead of throwing. */
  public static Optional<TorrentInfo> tryParse(byte[] torrentFile) {
    try {
      return Optional.of(parse(torrentFile));
    } catch (InvalidTorrentException e) {
      return Optional.empty();
    }
  }

  /** The SHA-1 of the raw info dictionary. */
  public InfoHash infoHash() {
    return d.infoHash();
  }

  /**
   * The v2 info hash (BEP 52) of a hybrid v1+v2 torrent: the SHA-256, as lowercase hex, of the raw
   * info dictionary; present when {@code info} has {@code meta version} 2 and a {@code file tree}.
   */
  public Optional<String> infoHashV2() {
    return Optional.ofNullable(d.infoHashV2());
  }

  /** The torrent's name ({@code name.utf-8} when present, else {@code name}). */
  public String name() {
    return d.name();
  }

  /** Whether {@code info.private} is set: no DHT, PEX or LSD for this torrent (BEP 27). */
  public boolean isPrivate() {
    return d.isPrivate();
  }

  /** The creation date. */
  public Optional<Instant> created() {
    return Optional.ofNullable(d.created());
  }

  /** The program that created the torrent. */
  public Optional<String> createdBy() {
    return Optional.ofNullable(d.createdBy());
  }

  /** The comment. */
  public Optional<String> comment() {
    return Optional.ofNullable(d.comment());
  }

  /**
   * Tracker URLs of all tiers, flattened in order without duplicates ({@code announce-list}, or
   * {@code announce} when there is no list).
   */
  public List<String> announce() {
    return d.announce();
  }

  /** Tracker tiers as written (BEP 12). */
  public List<List<String>> announceTiers() {
    return d.announceTiers();
  }

  /** Web seed URLs ({@code url-list}, BEP 19). */
  public List<String> urlList() {
    return d.urlList();
  }

  /** The files, in torrent order; a single-file torrent has one, named after the torrent. */
  public List<FileEntry> files() {
    return d.files();
  }

  /** The total size of all files in bytes. */
  public long length() {
    return d.length();
  }

  /** Bytes per piece. */
  public int pieceLength() {
    return d.pieceLength();
  }

  /** Bytes in the last piece. */
  public int lastPieceLength() {
    long rest = d.length() % d.pieceLength();
    return rest == 0 ? d.pieceLength() : (int) rest;
  }

  /** How many pieces the torrent has. */
  public int pieceCount() {
    return d.pieces().length / HASH_LENGTH;
  }

  /**
   * The SHA-1 of piece {@code index} (a copy).
   *
   * @throws IndexOutOfBoundsException for an index outside {@code 0..pieceCount()-1}
   */
  public byte[] pieceHash(int index) {
    int from = Objects.checkIndex(index, pieceCount()) * HASH_LENGTH;
    return Arrays.copyOfRange(d.pieces(), from, from + HASH_LENGTH);
  }

  /** Every piece hash as lowercase hex, as parse-torrent's {@code pieces}. */
  public List<String> pieces() {
    List<String> out = new ArrayList<>(pieceCount());
    for (int i = 0; i < pieceCount(); i++) {
      out.add(HexFormat.of().formatHex(d.pieces(), i * HASH_LENGTH, (i + 1) * HASH_LENGTH));
    }
    return out;
  }

  /** The licence of a paid torrent; see {@link #isLicenseCommitted()}. */
  public Optional<License> license() {
    return Optional.ofNullable(d.license());
  }

  /**
   * Whether the licence is inside {@code info}, so that the info hash binds it to the content. A
   * licence only at top level (as older ILP TorrentInfo tools write it) is not committed: anyone
   * who passes the torrent on can change it.
   */
  public boolean isLicenseCommitted() {
    return d.licenseCommitted();
  }

  /** A copy of the raw info dictionary bytes, as they were in the file. */
  public byte[] infoBytes() {
    return d.rawInfo().clone();
  }

  /**
   * The .torrent file: every top-level key of the input with its value as it was read, keys in
   * canonical order. For a canonical input (as every BEP 3 encoder writes) this is the input, byte
   * for byte, licence included.
   */
  public byte[] toTorrentFile() {
    List<BString> keys = new ArrayList<>(d.topLevel().entries().keySet());
    keys.sort(null);
    BencodeWriter out = new BencodeWriter().beginDictionary();
    for (BString key : keys) {
      out.key(key).exact(d.topLevel().get(key));
    }
    return out.end().toByteArray();
  }

  /** A magnet link: info hash, name, trackers, web seeds, and pointer and verifier when paid. */
  public MagnetUri toMagnetUri() {
    MagnetUri.Builder b = MagnetUri.builder(d.infoHash()).name(d.name()).addTrackers(d.announce());
    d.urlList().forEach(b::addWebSeed);
    license().ifPresent(l -> b.license(l.partial()));
    return b.build();
  }

  /** What this torrent is without its metadata: the identity a magnet would give. */
  public TorrentIdentity identity() {
    return TorrentIdentity.of(toMagnetUri());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TorrentInfo other && Arrays.equals(toTorrentFile(), other.toTorrentFile());
  }

  @Override
  public int hashCode() {
    return d.infoHash().hashCode();
  }

  @Override
  public String toString() {
    return "TorrentInfo[" + d.infoHash() + " " + d.name() + ", " + d.files().size() + " files]";
  }
}
