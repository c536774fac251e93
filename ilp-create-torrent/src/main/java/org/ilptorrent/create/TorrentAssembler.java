package org.ilptorrent.create;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BList;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.create.internal.InputFile;
import org.ilptorrent.magnet.InfoHash;
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
    BDictionary.Builder info = BDictionary.builder();
    b.extraInfo.forEach(
        (key, value) -> {
          if (value instanceof String text) {
            info.put(key, text);
          } else {
            info.put(key, ((Number) value).longValue());
          }
        });
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
      List<BValue> list = new ArrayList<>();
      for (InputFile f : files) {
        list.add(
            BDictionary.builder()
                .put("length", f.length())
                .put("path", strings(f.components()))
                .build());
      }
      info.put("files", new BList(list));
    }
    if (b.license != null) {
      info.put("license", b.license.toBencode());
    }
    BDictionary infoDictionary = info.build();
    InfoHash infoHash = InfoHash.of(sha1(Bencode.encode(infoDictionary)));
    List<List<String>> announce = announce(b, infoHash);

    BDictionary.Builder torrent = BDictionary.builder();
    torrent.put("info", infoDictionary);
    torrent.put("encoding", "UTF-8");
    if (!announce.isEmpty()) {
      torrent.put("announce", announce.get(0).get(0));
      List<BValue> tiers = new ArrayList<>();
      announce.forEach(tier -> tiers.add(strings(tier)));
      torrent.put("announce-list", new BList(tiers));
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
      torrent.put("url-list", strings(b.urlList));
    }
    if (b.license != null) {
      // The fork's readers look for the licence at top level.
      torrent.put("license", b.license.toBencode());
    }

    MagnetUri.Builder magnet = MagnetUri.builder(infoHash).name(name);
    announce.forEach(magnet::addTrackers);
    b.urlList.forEach(magnet::addWebSeed);
    if (b.license != null) {
      magnet.license(b.license.partial());
    }
    return new CreatedTorrent(Bencode.encode(torrent.build()), infoHash, magnet.build());
  }

  /** The trackers by tier: the shard picked for this info hash first, when there are shards. */
  private static List<List<String>> announce(TorrentCreator.Builder b, InfoHash infoHash) {
    if (b.trackerShards.isEmpty()) {
      return b.announce;
    }
    String shard = TrackerShards.pick(infoHash, b.trackerShards);
    List<List<String>> tiers = new ArrayList<>();
    tiers.add(List.of(shard));
    for (List<String> tier : b.announce) {
      if (!tier.equals(List.of(shard))) {
        tiers.add(tier);
      }
    }
    return tiers;
  }

  private static BList strings(List<String> texts) {
    List<BValue> out = new ArrayList<>(texts.size());
    texts.forEach(t -> out.add(BString.of(t)));
    return new BList(out);
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
