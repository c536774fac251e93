package org.ilptorrent.webtorrent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ilptorrent.parse.TorrentInfo;

/**
 * A v1 torrent laid out as libtorrent 2.0 lays one out: after every file that does not end on a
 * piece boundary, a BEP 47 pad file {@code .pad/<size>} ({@code attr} {@code p}) up to the next
 * boundary, the last file included. Written by hand here so that no writer of ours decides what the
 * client reads.
 *
 * @param torrent the parsed torrent
 * @param files the real files' bytes by path under the torrent's folder ({@code name/...})
 * @param content every byte the piece hashes cover, padding included
 */
record PaddedTorrent(TorrentInfo torrent, Map<String, byte[]> files, byte[] content) {

  /** Files {@code file0.bin, file1.bin, ...} of these sizes, with zeros as padding. */
  static PaddedTorrent of(String name, int pieceLength, long seed, int... sizes) throws Exception {
    return hashingPaddingAs((byte) 0, name, pieceLength, seed, sizes);
  }

  /**
   * The same, but with padding hashed as {@code padByte}s: a torrent that breaks BEP 47, whose
   * hashes a peer holding those bytes would satisfy.
   */
  static PaddedTorrent hashingPaddingAs(
      byte padByte, String name, int pieceLength, long seed, int... sizes) throws Exception {
    Random random = new Random(seed);
    Map<String, byte[]> files = new LinkedHashMap<>();
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    StringBuilder list = new StringBuilder("l");
    for (int i = 0; i < sizes.length; i++) {
      byte[] data = new byte[sizes[i]];
      random.nextBytes(data);
      String file = "file" + i + ".bin";
      files.put(name + "/" + file, data);
      content.writeBytes(data);
      list.append("d6:lengthi")
          .append(data.length)
          .append("e4:pathl")
          .append(str(file))
          .append("ee");
      int pad = (int) ((pieceLength - content.size() % pieceLength) % pieceLength);
      if (pad > 0) {
        byte[] zeros = new byte[pad];
        Arrays.fill(zeros, padByte);
        content.writeBytes(zeros);
        list.append("d4:attr1:p6:lengthi")
            .append(pad)
            .append("e4:pathl4:.pad")
            .append(str(Integer.toString(pad)))
            .append("ee");
      }
    }
    list.append("e");
    byte[] all = content.toByteArray();
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    for (int at = 0; at < all.length; at += pieceLength) {
      sha1.update(all, at, Math.min(pieceLength, all.length - at));
      pieces.writeBytes(sha1.digest());
    }
    ByteArrayOutputStream torrent = new ByteArrayOutputStream();
    torrent.writeBytes(
        ("d4:infod5:files"
                + list
                + "4:name"
                + str(name)
                + "12:piece lengthi"
                + pieceLength
                + "e6:pieces"
                + pieces.size()
                + ":")
            .getBytes(StandardCharsets.ISO_8859_1));
    torrent.writeBytes(pieces.toByteArray());
    torrent.writeBytes("ee".getBytes(StandardCharsets.ISO_8859_1));
    return new PaddedTorrent(TorrentInfo.parse(torrent.toByteArray()), files, all);
  }

  /** Writes the real files (no pad files) under {@code folder}. */
  PaddedTorrent writeTo(Path folder) throws IOException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = folder.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    return this;
  }

  private static String str(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length + ":" + s;
  }
}
