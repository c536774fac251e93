package org.ilptorrent.parse.internal;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.parse.ParseLimits;
import org.ilptorrent.parse.TorrentFile;

/**
 * Reads .torrent bytes (BEP 3) into a {@link DecodedTorrent}, field by field with the rules of npm
 * parse-torrent, and the safety rules of this project: sanitised paths, bounded sizes, a piece
 * count that matches the length, and a licence that is the same wherever it is written.
 *
 * <p>Fields inside {@code info} must be well formed, since they decide what is written to disk.
 * Descriptive top-level fields (comment, created by, trackers) of the wrong type are skipped, as
 * parse-torrent skips them.
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
    BencodeScanner.Result scan = BencodeScanner.scan(data, limits.maxNesting());
    BEMap root;
    try (BEParser parser = new BEParser(data)) {
      root = parser.readMap();
    } catch (RuntimeException e) {
      // The scanner accepted the bytes, so this is a gap between the two readers.
      throw new InvalidTorrentException(null, -1, "not bencoded: " + e.getMessage());
    }
    return new TorrentDecoder.Reader(root.getValue(), scan, limits).read();
  }

  /** Reads one torrent; holds what error messages need. */
  private static final class Reader {
    private final Map<String, BEObject<?>> top;
    private final BencodeScanner.Result scan;
    private final ParseLimits limits;

    Reader(Map<String, BEObject<?>> top, BencodeScanner.Result scan, ParseLimits limits) {
      this.top = top;
      this.scan = scan;
      this.limits = limits;
    }

    DecodedTorrent read() {
      if (!(top.get("info") instanceof BEMap infoMap)) {
        throw error("info", top.containsKey("info") ? "must be a dictionary" : "missing");
      }
      Map<String, BEObject<?>> info = infoMap.getValue();
      byte[] rawInfo = scan.topLevel().get("info");

      String name = PathRules.check(text(info, "name"), "info.name", at("info.name"));
      int pieceLength = pieceLength(info);
      byte[] pieces = bytes(info.get("pieces"), "info.pieces");
      if (pieces.length % HASH_LENGTH != 0) {
        throw error("info.pieces", "length " + pieces.length + " is not a multiple of 20");
      }
      List<TorrentFile> files = files(info, name);
      TorrentFile last = files.get(files.size() - 1);
      long length = last.offset() + last.length();
      long expectedPieces = (length + pieceLength - 1) / pieceLength;
      if (pieces.length / HASH_LENGTH != expectedPieces) {
        throw error(
            "info.pieces",
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
          info.containsKey("license")
              ? LicenseReader.read(info.get("license"), "info.license", at("info.license"))
              : null;
      License mirrored =
          top.containsKey("license")
              ? LicenseReader.read(top.get("license"), "license", at("license"))
              : null;
      if (committed != null && mirrored != null && !committed.equals(mirrored)) {
        throw error("license", "differs from info.license");
      }

      List<List<String>> tiers = tiers();
      LinkedHashSet<String> announce = new LinkedHashSet<>();
      tiers.forEach(announce::addAll);

      return new DecodedTorrent(
          InfoHash.of(sha1(rawInfo)),
          rawInfo,
          name,
          info.get("private") instanceof BEInteger p && p.getValue().longValue() != 0,
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
          topLevelRaw());
    }

    private int pieceLength(Map<String, BEObject<?>> info) {
      long value = integer(info.get("piece length"), "info.piece length");
      if (value < limits.minPieceLength() || value > limits.maxPieceLength()) {
        throw error(
            "info.piece length",
            value
                + " is outside "
                + limits.minPieceLength()
                + ".."
                + limits.maxPieceLength()
                + " bytes");
      }
      return (int) value;
    }

    private List<TorrentFile> files(Map<String, BEObject<?>> info, String name) {
      if (!info.containsKey("files")) {
        long length = nonNegative(info.get("length"), "info.length");
        return List.of(new TorrentFile(name, List.of(name), name, length, 0));
      }
      if (!(info.get("files") instanceof BEList list)) {
        throw error("info.files", "must be a list");
      }
      List<? extends BEObject<?>> entries = list.getValue();
      if (entries.isEmpty()) {
        throw error("info.files", "is empty");
      }
      if (entries.size() > limits.maxFiles()) {
        throw error("info.files", entries.size() + " files, more than " + limits.maxFiles());
      }
      List<TorrentFile> files = new ArrayList<>(entries.size());
      long offset = 0;
      for (int i = 0; i < entries.size(); i++) {
        String field = "info.files[" + i + "]";
        if (!(entries.get(i) instanceof BEMap entry)) {
          throw error(field, "must be a dictionary");
        }
        Map<String, BEObject<?>> file = entry.getValue();
        long length = nonNegative(file.get("length"), field + ".length");
        List<String> components = new ArrayList<>();
        components.add(name);
        components.addAll(path(file, field));
        String path = String.join("/", components);
        files.add(
            new TorrentFile(
                path, components, components.get(components.size() - 1), length, offset));
        try {
          offset = Math.addExact(offset, length);
        } catch (ArithmeticException e) {
          throw error(field + ".length", "total length overflows");
        }
      }
      return List.copyOf(files);
    }

    private List<String> path(Map<String, BEObject<?>> file, String field) {
      String key = file.containsKey("path.utf-8") ? "path.utf-8" : "path";
      String pathField = field + "." + key;
      if (!(file.get(key) instanceof BEList list) || list.getValue().isEmpty()) {
        throw error(pathField, "missing or not a non-empty list");
      }
      if (list.getValue().size() > limits.maxPathDepth()) {
        throw error(pathField, "deeper than " + limits.maxPathDepth() + " components");
      }
      List<String> out = new ArrayList<>();
      for (BEObject<?> component : list.getValue()) {
        out.add(PathRules.check(utf8(bytes(component, pathField)), pathField, at(pathField)));
      }
      return out;
    }

    private List<List<String>> tiers() {
      List<List<String>> tiers = new ArrayList<>();
      if (top.get("announce-list") instanceof BEList list) {
        for (BEObject<?> tier : list.getValue()) {
          if (tier instanceof BEList urls) {
            List<String> out = new ArrayList<>();
            for (BEObject<?> url : urls.getValue()) {
              if (url instanceof BEString s && s.getValue().length > 0) {
                out.add(utf8(s.getValue()));
              }
            }
            if (!out.isEmpty()) {
              tiers.add(List.copyOf(out));
            }
          }
        }
      }
      if (tiers.isEmpty() && top.get("announce") instanceof BEString s && s.getValue().length > 0) {
        tiers.add(List.of(utf8(s.getValue())));
      }
      return List.copyOf(tiers);
    }

    private List<String> urlList() {
      LinkedHashSet<String> urls = new LinkedHashSet<>();
      BEObject<?> value = top.get("url-list");
      if (value instanceof BEString s && s.getValue().length > 0) {
        urls.add(utf8(s.getValue()));
      } else if (value instanceof BEList list) {
        for (BEObject<?> url : list.getValue()) {
          if (url instanceof BEString s && s.getValue().length > 0) {
            urls.add(utf8(s.getValue()));
          }
        }
      }
      return List.copyOf(urls);
    }

    private Instant created() {
      if (!(top.get("creation date") instanceof BEInteger date)) {
        return null;
      }
      try {
        return Instant.ofEpochSecond(date.getValue().longValue());
      } catch (DateTimeException e) {
        throw error("creation date", "out of range");
      }
    }

    private String optionalText(String key) {
      BEObject<?> value = top.get(key + ".utf-8");
      if (!(value instanceof BEString)) {
        value = top.get(key);
      }
      return value instanceof BEString s ? utf8(s.getValue()) : null;
    }

    private Map<String, byte[]> topLevelRaw() {
      // bt-bencoding's getContent() drops a string's length prefix, so the scanner's spans are
      // used.
      Map<String, byte[]> raw = new TreeMap<>(Bencode.KEY_ORDER);
      raw.putAll(scan.topLevel());
      return raw;
    }

    private String text(Map<String, BEObject<?>> dict, String key) {
      String field = "info." + key;
      BEObject<?> value = dict.get(key + ".utf-8");
      if (value == null) {
        value = dict.get(key);
      }
      return utf8(bytes(value, field));
    }

    private byte[] bytes(BEObject<?> value, String field) {
      if (!(value instanceof BEString s)) {
        throw error(field, value == null ? "missing" : "must be a byte string");
      }
      return s.getValue();
    }

    private long integer(BEObject<?> value, String field) {
      if (!(value instanceof BEInteger i)) {
        throw error(field, value == null ? "missing" : "must be an integer");
      }
      return i.getValue().longValue();
    }

    private long nonNegative(BEObject<?> value, String field) {
      long n = integer(value, field);
      if (n < 0) {
        throw error(field, "is negative");
      }
      return n;
    }

    private int at(String field) {
      return scan.offsetOf(field);
    }

    private InvalidTorrentException error(String field, String message) {
      return new InvalidTorrentException(field, at(field), message);
    }
  }

  /** Text of a byte string; invalid UTF-8 becomes U+FFFD, as TextDecoder does in parse-torrent. */
  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
