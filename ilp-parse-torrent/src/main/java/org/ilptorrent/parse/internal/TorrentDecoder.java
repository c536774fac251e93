package org.ilptorrent.parse.internal;

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
    BencodeReader.Result scan = BencodeReader.read(data, limits.maxNesting());
    return new TorrentDecoder.Reader(scan.root(), scan, limits).read();
  }

  /** Reads one torrent; holds what error messages need. */
  private static final class Reader {
    private final BValue.BDict top;
    private final BencodeReader.Result scan;
    private final ParseLimits limits;

    Reader(BValue.BDict top, BencodeReader.Result scan, ParseLimits limits) {
      this.top = top;
      this.scan = scan;
      this.limits = limits;
    }

    DecodedTorrent read() {
      if (!(top.get("info") instanceof BValue.BDict info)) {
        throw error("info", top.has("info") ? "must be a dictionary" : "missing");
      }
      byte[] rawInfo = scan.topLevel().get("info");

      String name = PathRules.check(text(info, "name"), "info.name", at("info.name"));
      int pieceLength = pieceLength(info);
      byte[] pieces = bytes(info.get("pieces"), "info.pieces").bytes();
      if (pieces.length % HASH_LENGTH != 0) {
        throw error("info.pieces", "length " + pieces.length + " is not a multiple of 20");
      }
      List<FileEntry> files = files(info, name);
      FileEntry last = files.get(files.size() - 1);
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
          info.has("license")
              ? LicenseReader.read(info.get("license"), "info.license", at("info.license"))
              : null;
      License mirrored =
          top.has("license")
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
          info.get("private") instanceof BValue.BInt p && p.value() != 0,
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

    private int pieceLength(BValue.BDict info) {
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

    private List<FileEntry> files(BValue.BDict info, String name) {
      if (!info.has("files")) {
        long length = nonNegative(info.get("length"), "info.length");
        return List.of(new FileEntry(name, List.of(name), name, length, 0));
      }
      if (!(info.get("files") instanceof BValue.BList list)) {
        throw error("info.files", "must be a list");
      }
      List<BValue> entries = list.items();
      if (entries.isEmpty()) {
        throw error("info.files", "is empty");
      }
      if (entries.size() > limits.maxFiles()) {
        throw error("info.files", entries.size() + " files, more than " + limits.maxFiles());
      }
      List<FileEntry> files = new ArrayList<>(entries.size());
      long offset = 0;
      for (int i = 0; i < entries.size(); i++) {
        String field = "info.files[" + i + "]";
        if (!(entries.get(i) instanceof BValue.BDict file)) {
          throw error(field, "must be a dictionary");
        }
        long length = nonNegative(file.get("length"), field + ".length");
        List<String> components = new ArrayList<>();
        components.add(name);
        components.addAll(path(file, field));
        String path = String.join("/", components);
        boolean padding =
            file.get("attr") instanceof BValue.BBytes attr && attr.text().contains("p");
        files.add(
            new FileEntry(
                path, components, components.get(components.size() - 1), length, offset, padding));
        try {
          offset = Math.addExact(offset, length);
        } catch (ArithmeticException e) {
          throw error(field + ".length", "total length overflows");
        }
      }
      return List.copyOf(files);
    }

    private List<String> path(BValue.BDict file, String field) {
      String key = file.has("path.utf-8") ? "path.utf-8" : "path";
      String pathField = field + "." + key;
      if (!(file.get(key) instanceof BValue.BList list) || list.items().isEmpty()) {
        throw error(pathField, "missing or not a non-empty list");
      }
      if (list.items().size() > limits.maxPathDepth()) {
        throw error(pathField, "deeper than " + limits.maxPathDepth() + " components");
      }
      List<String> out = new ArrayList<>();
      for (BValue component : list.items()) {
        out.add(PathRules.check(bytes(component, pathField).text(), pathField, at(pathField)));
      }
      return out;
    }

    private List<List<String>> tiers() {
      List<List<String>> tiers = new ArrayList<>();
      if (top.get("announce-list") instanceof BValue.BList list) {
        for (BValue tier : list.items()) {
          if (tier instanceof BValue.BList urls) {
            List<String> out = new ArrayList<>();
            for (BValue url : urls.items()) {
              if (url instanceof BValue.BBytes s && s.length() > 0) {
                out.add(s.text());
              }
            }
            if (!out.isEmpty()) {
              tiers.add(List.copyOf(out));
            }
          }
        }
      }
      if (tiers.isEmpty() && top.get("announce") instanceof BValue.BBytes s && s.length() > 0) {
        tiers.add(List.of(s.text()));
      }
      return List.copyOf(tiers);
    }

    private List<String> urlList() {
      LinkedHashSet<String> urls = new LinkedHashSet<>();
      BValue value = top.get("url-list");
      if (value instanceof BValue.BBytes s && s.length() > 0) {
        urls.add(s.text());
      } else if (value instanceof BValue.BList list) {
        for (BValue url : list.items()) {
          if (url instanceof BValue.BBytes s && s.length() > 0) {
            urls.add(s.text());
          }
        }
      }
      return List.copyOf(urls);
    }

    private Instant created() {
      if (!(top.get("creation date") instanceof BValue.BInt date)) {
        return null;
      }
      try {
        return Instant.ofEpochSecond(date.value());
      } catch (DateTimeException e) {
        throw error("creation date", "out of range");
      }
    }

    private String optionalText(String key) {
      BValue value = top.get(key + ".utf-8");
      if (!(value instanceof BValue.BBytes)) {
        value = top.get(key);
      }
      return value instanceof BValue.BBytes s ? s.text() : null;
    }

    private Map<String, byte[]> topLevelRaw() {
      // bt-bencoding's getContent() drops a string's length prefix, so the scanner's spans are
      // used.
      Map<String, byte[]> raw = new TreeMap<>(Bencode.KEY_ORDER);
      raw.putAll(scan.topLevel());
      return raw;
    }

    private String text(BValue.BDict dict, String key) {
      String field = "info." + key;
      BValue value = dict.get(key + ".utf-8");
      if (value == null) {
        value = dict.get(key);
      }
      return bytes(value, field).text();
    }

    private BValue.BBytes bytes(BValue value, String field) {
      if (!(value instanceof BValue.BBytes s)) {
        throw error(field, value == null ? "missing" : "must be a byte string");
      }
      return s;
    }

    private long integer(BValue value, String field) {
      if (!(value instanceof BValue.BInt i)) {
        throw error(field, value == null ? "missing" : "must be an integer");
      }
      return i.value();
    }

    private long nonNegative(BValue value, String field) {
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

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
