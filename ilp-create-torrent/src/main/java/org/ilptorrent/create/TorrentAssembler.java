package org.ilptorrent.create;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ilptorrent.create.internal.InputFile;
import org.ilptorrent.create.internal.TorrentEncoder;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;

/** Writes the .torrent dictionaries once the pieces are hashed, with create-torrent's keys. */
final class TorrentAssembler {
  /** Info keys the creator writes itself. */
  static final Set<String> RESERVED_INFO_KEYS =
      Set.of("name", "piece length", "pieces", "private", "length", "files", "license");

  private final TorrentCreator.Builder b;
  private final String name;
  private final boolean singleFile;
  private final List<InputFile> files;

  TorrentAssembler(
      TorrentCreator.Builder b, String name, boolean singleFile, List<InputFile> files) {
    this.b = b;
    this.name = name;
    this.singleFile = singleFile;
    this.files = files;
  }

  CreatedTorrent assemble(int pieceLength, byte[] pieces) {
    Map<String, Object> info = new LinkedHashMap<>(b.extraInfo);
    info.put("name", name);
    info.put("piece length", pieceLength);
    info.put("pieces", pieces);
    boolean isPrivate = b.isPrivate != null ? b.isPrivate : b.license != null;
    if (isPrivate) {
      info.put("private", 1);
    }
    if (singleFile) {
      info.put("length", files.get(0).length());
    } else {
      List<Object> list = new ArrayList<>();
      for (InputFile f : files) {
        list.add(Map.of("length", f.length(), "path", f.components()));
      }
      info.put("files", list);
    }
    if (b.license != null) {
      info.put("license", licenseDictionary(b.license));
    }

    Map<String, Object> torrent = new LinkedHashMap<>();
    torrent.put("info", info);
    torrent.put("encoding", "UTF-8");
    if (!b.announce.isEmpty()) {
      torrent.put("announce", b.announce.get(0).get(0));
      torrent.put("announce-list", b.announce);
    }
    if (b.comment != null) {
      torrent.put("comment", b.comment);
    }
    if (b.createdBy != null) {
      torrent.put("created by", b.createdBy);
    }
    if (b.withCreationDate) {
      java.time.Instant date = b.creationDate != null ? b.creationDate : b.clock.instant();
      // create-torrent rounds milliseconds up to whole seconds.
      torrent.put("creation date", date.getEpochSecond() + (date.getNano() > 0 ? 1 : 0));
    }
    if (!b.urlList.isEmpty()) {
      torrent.put("url-list", b.urlList);
    }
    if (b.license != null) {
      // The fork's readers look for the licence at top level.
      torrent.put("license", licenseDictionary(b.license));
    }

    InfoHash infoHash = InfoHash.of(sha1(TorrentEncoder.encode(info)));
    MagnetUri.Builder magnet = MagnetUri.builder(infoHash).name(name);
    b.announce.forEach(magnet::addTrackers);
    b.urlList.forEach(magnet::addWebSeed);
    if (b.license != null) {
      magnet.license(b.license.partial());
    }
    return new CreatedTorrent(TorrentEncoder.encode(torrent), infoHash, magnet.build());
  }

  /** The licence dictionary; the amount is a decimal byte string, as the fork writes it. */
  static Map<String, Object> licenseDictionary(License license) {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("amount", license.amount().toString());
    dict.put("assetCode", license.assetCode());
    dict.put("assetScale", license.assetScale());
    dict.put("paymentPointer", license.paymentPointer().toString());
    dict.put("verifier", license.verifier().toString());
    return dict;
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
