package org.ilptorrent.parse.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BList;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.bencode.BencodeException;
import org.ilptorrent.bencode.BencodeReader;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.InvalidLicenseException;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.parse.ParseLimits;

/**
 * Reads .torrent bytes (BEP 3) into a {@link DecodedTorrent}, field by field with the rules of npm
 * parse-torrent, and the safety rules of this project: sanitised paths, bounded sizes, a piece
 * count that matches the length, and a licence that is the same wherever it is written.
 *
 * <p>Fields inside {@code info} must be well formed, since they decide what is written to disk.
 * Descriptive top-level fields (comment, created by, trackers) of the wrong type are skipped, as
 * parse-torrent skips them.
 *
 * <p>A hybrid v1+v2 torrent (BEP 52) is read as parse-torrent reads it: its v1 view ({@code
 * pieces}, {@code files} with their BEP 47 pad files); its v2 info hash is kept beside. A v2-only
 * torrent is refused.
 */
public final class TorrentDecoder {
  private static final int HASH_LENGTH = 20;

  private TorrentDecoder() {}

  /** Decodes {@code data} within {@code limits}. */
  public static DecodedTorrent decode(byte[] data, ParseLimits limits) {
    if (data.length > limits.maxTorrentBytes()) {
      throw new InvalidTorrentException(
          null, -1, "torrent is larger than " + limits.maxTorrentBytes() + " bytes");
    }
    if (data.length == 0 || data[0] != 'd') {
      throw new InvalidTorrentException(null, 0, "not a bencoded dictionary");
    }
    // The values are views of the bytes they were read from: a private copy keeps them immutable.
    byte[] copy = data.clone();
    // ParseLimits counts nesting below the top-level dictionary; the reader counts it as 1.
    BencodeReader reader =
        BencodeReader.builder()
            .maxDepth(Math.max(limits.maxNesting(), limits.maxNesting() + 1))
            .build();
    BencodeReader.Result scan;
    try {
      scan = reader.decodePrefix(copy);
    } catch (BencodeException e) {
      String reason =
          e.reason().startsWith("nested deeper than ")
              ? "nested deeper than " + limits.maxNesting()
              : e.reason();
      throw new InvalidTorrentException(e.path().isEmpty() ? null : e.path(), e.offset(), reason);
    }
    if (scan.end() != copy.length) {
      throw new InvalidTorrentException(
          null, scan.end(), (copy.length - scan.end()) + " trailing bytes after the torrent");
    }
    return new Reader(scan.dictionary(), limits).read();
  }

  /** Reads one torrent; holds what error messages need. */
  private static final class Reader {
    private final BDictionary top;
    private final ParseLimits limits;

    Reader(BDictionary top, ParseLimits limits) {
      this.top = top;
      this.limits = limits;
    }

    DecodedTorrent read() {
      checkKeys(top, null);
      if (!(top.get("info") instanceof BDictionary info)) {
        throw error(
            "info", top.offsetOf("info"), top.has("info") ? "must be a dictionary" : "missing");
      }
      checkKeys(info, "info");
      boolean v2 = info.get("meta version") instanceof BInteger version && version.value() == 2;
      if (v2 && !info.has("pieces") && !info.has("files") && !info.has("length")) {
        throw error(
            "info",
            top.offsetOf("info"),
            "v2-only torrents are not supported (meta version 2 without the v1 pieces and files"
                + " of a hybrid torrent)");
      }
      byte[] rawInfo = info.encoded();

      String name = PathRules.check(text(info, "name"), "info.name", info.offsetOf("name"));
      int pieceLength = pieceLength(info);
      byte[] pieces = bytes(info, "pieces", "info.pieces").bytes();
      if (pieces.length % HASH_LENGTH != 0) {
        throw error(
            "info.pieces",
            info.offsetOf("pieces"),
            "length " + pieces.length + " is not a multiple of 20");
      }
      List<FileEntry> files = files(info, name);
      FileEntry last = files.get(files.size() - 1);
      long length = last.offset() + last.length();
      long expectedPieces = (length + pieceLength - 1) / pieceLength;
      if (pieces.length / HASH_LENGTH != expectedPieces) {
        throw error(
            "info.pieces",
            info.offsetOf("pieces"),
            (pieces.length / HASH_LENGTH)
                + " piece hashes for "
                + length
                + " bytes in pieces of "
                + pieceLength
                + " (need "
                + expectedPieces
                + ")");
      }

      License committed =
          info.has("license")
              ? license(info.get("license"), "info.license", info.offsetOf("license"))
              : null;
      License mirrored =
          top.has("license")
              ? license(top.get("license"), "license", top.offsetOf("license"))
              : null;
      if (committed != null && mirrored != null && !committed.equals(mirrored)) {
        throw error("license", top.offsetOf("license"), "differs from info.license");
      }

      List<List<String>> tiers = tiers();
      LinkedHashSet<String> announce = new LinkedHashSet<>();
      tiers.forEach(announce::addAll);

      return new DecodedTorrent(
          InfoHash.of(digest("SHA-1", rawInfo)),
          v2 && info.get("file tree") instanceof BDictionary
              ? HexFormat.of().formatHex(digest("SHA-256", rawInfo))
              : null,
          rawInfo,
          name,
          info.get("private") instanceof BInteger p && p.value() != 0,
          created(),
          optionalText("created by"),
          optionalText("comment"),
          tiers,
          List.copyOf(announce),
          urlList(),
          files,
          length,
          pieceLength,
          pieces,
          committed != null ? committed : mirrored,
          committed != null,
          top);
    }

    /**
     * Field names must be text; other dictionaries (a hybrid torrent's {@code piece layers}, keyed
     * by SHA-256 hashes) may have any bytes as keys.
     */
    private void checkKeys(BDictionary dict, String field) {
      for (BString key : dict.entries().keySet()) {
        for (int i = 0; i < key.length(); i++) {
          if (key.byteAt(i) < 0) {
            try {
              key.utf8();
            } catch (BencodeException e) {
              // Where the key starts: its length digits and ':' come just before its bytes.
              int keyAt = key.from() - Integer.toString(key.length()).length() - 1;
              throw error(field, keyAt, "dictionary key is not UTF-8");
            }
            break;
          }
        }
      }
    }

    private int pieceLength(BDictionary info) {
      long value = integer(info, "piece length", "info.piece length");
      if (value < limits.minPieceLength() || value > limits.maxPieceLength()) {
        throw error(
            "info.piece length",
            info.offsetOf("piece length"),
            value
                + " is outside "
                + limits.minPieceLength()
                + ".."
                + limits.maxPieceLength()
                + " bytes");
      }
      return (int) value;
    }

    private List<FileEntry> files(BDictionary info, String name) {
      if (!info.has("files")) {
        long length = nonNegative(info, "length", "info.length");
        return List.of(new FileEntry(name, List.of(name), name, length, 0, attr(info)));
      }
      if (!(info.get("files") instanceof BList list)) {
        throw error("info.files", info.offsetOf("files"), "must be a list");
      }
      int listAt = info.offsetOf("files");
      if (list.size() == 0) {
        throw error("info.files", listAt, "is empty");
      }
      if (list.size() > limits.maxFiles()) {
        throw error("info.files", listAt, list.size() + " files, more than " + limits.maxFiles());
      }
      List<FileEntry> files = new ArrayList<>(list.size());
      long offset = 0;
      for (int i = 0; i < list.size(); i++) {
        String field = "info.files[" + i + "]";
        if (!(list.get(i) instanceof BDictionary file)) {
          throw error(field, list.offsetOf(i), "must be a dictionary");
        }
        long length = nonNegative(file, "length", field + ".length");
        List<String> components = new ArrayList<>();
        components.add(name);
        components.addAll(path(file, field));
        String path = String.join("/", components);
        files.add(
            new FileEntry(
                path,
                components,
                components.get(components.size() - 1),
                length,
                offset,
                attr(file)));
        try {
          offset = Math.addExact(offset, length);
        } catch (ArithmeticException e) {
          throw error(field + ".length", file.offsetOf("length"), "total length overflows");
        }
      }
      return List.copyOf(files);
    }

    /** BEP 47 attributes; a wrongly typed {@code attr} is no attribute, as libtorrent reads it. */
    private static String attr(BDictionary file) {
      return file.get("attr") instanceof BString s ? s.text() : "";
    }

    private List<String> path(BDictionary file, String field) {
      String key = file.has("path.utf-8") ? "path.utf-8" : "path";
      String pathField = field + "." + key;
      int at = file.offsetOf(key);
      if (!(file.get(key) instanceof BList list) || list.size() == 0) {
        throw error(pathField, at, "missing or not a non-empty list");
      }
      if (list.size() > limits.maxPathDepth()) {
        throw error(pathField, at, "deeper than " + limits.maxPathDepth() + " components");
      }
      List<String> out = new ArrayList<>(list.size());
      for (BValue component : list.items()) {
        if (!(component instanceof BString s)) {
          throw error(pathField, at, "must be a byte string");
        }
        out.add(PathRules.check(s.text(), pathField, at));
      }
      return out;
    }

    private License license(BValue value, String field, int offset) {
      if (!(value instanceof BDictionary dict)) {
        throw error(field, offset, "must be a dictionary");
      }
      try {
        return License.fromBencode(dict);
      } catch (InvalidLicenseException e) {
        if (e.key().isPresent()) {
          throw error(field + "." + e.key().get(), offset, e.reason());
        }
        throw error(field, offset, e.getMessage());
      }
    }

    private List<List<String>> tiers() {
      List<List<String>> tiers = new ArrayList<>();
      if (top.get("announce-list") instanceof BList list) {
        for (BValue tier : list.items()) {
          if (tier instanceof BList urls) {
            List<String> out = new ArrayList<>();
            for (BValue url : urls.items()) {
              if (url instanceof BString s && s.length() > 0) {
                out.add(s.text());
              }
            }
            if (!out.isEmpty()) {
              tiers.add(List.copyOf(out));
            }
          }
        }
      }
      if (tiers.isEmpty() && top.get("announce") instanceof BString s && s.length() > 0) {
        tiers.add(List.of(s.text()));
      }
      return List.copyOf(tiers);
    }

    private List<String> urlList() {
      LinkedHashSet<String> urls = new LinkedHashSet<>();
      BValue value = top.get("url-list");
      if (value instanceof BString s && s.length() > 0) {
        urls.add(s.text());
      } else if (value instanceof BList list) {
        for (BValue url : list.items()) {
          if (url instanceof BString s && s.length() > 0) {
            urls.add(s.text());
          }
        }
      }
      return List.copyOf(urls);
    }

    private Instant created() {
      if (!(top.get("creation date") instanceof BInteger date)) {
        return null;
      }
      try {
        return Instant.ofEpochSecond(date.value());
      } catch (DateTimeException e) {
        throw error("creation date", top.offsetOf("creation date"), "out of range");
      }
    }

    private String optionalText(String key) {
      BValue value = top.get(key + ".utf-8");
      if (!(value instanceof BString)) {
        value = top.get(key);
      }
      return value instanceof BString s ? s.text() : null;
    }

    /** {@code name.utf-8} when present, else {@code name}; errors name {@code info.name}. */
    private String text(BDictionary dict, String key) {
      String chosen = dict.has(key + ".utf-8") ? key + ".utf-8" : key;
      return bytes(dict, chosen, "info." + key).text();
    }

    private BString bytes(BDictionary dict, String key, String field) {
      BValue value = dict.get(key);
      if (!(value instanceof BString s)) {
        throw error(field, dict.offsetOf(key), value == null ? "missing" : "must be a byte string");
      }
      return s;
    }

    private long integer(BDictionary dict, String key, String field) {
      BValue value = dict.get(key);
      if (!(value instanceof BInteger i)) {
        throw error(field, dict.offsetOf(key), value == null ? "missing" : "must be an integer");
      }
      return i.value();
    }

    private long nonNegative(BDictionary dict, String key, String field) {
      long n = integer(dict, key, field);
      if (n < 0) {
        throw error(field, dict.offsetOf(key), "is negative");
      }
      return n;
    }

    private static InvalidTorrentException error(String field, long offset, String message) {
      return new InvalidTorrentException(field, offset, message);
    }
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }
}
