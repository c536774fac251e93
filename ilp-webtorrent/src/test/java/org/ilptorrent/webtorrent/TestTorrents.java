package org.ilptorrent.webtorrent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.parse.TorrentInfo;

/** Torrents of random content made with ilp-create-torrent, and their content. */
record TestTorrents(TorrentInfo torrent, Map<String, byte[]> files, byte[] content) {

  /** A multi-file torrent of files of these sizes (piece boundaries fall inside files). */
  static TestTorrents multiFile(int pieceLength, long seed, int... sizes) throws Exception {
    Random random = new Random(seed);
    Map<String, byte[]> files = new LinkedHashMap<>();
    TorrentCreator.Builder b =
        TorrentCreator.builder().name("set").pieceLength(pieceLength).noCreationDate();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < sizes.length; i++) {
      byte[] data = new byte[sizes[i]];
      random.nextBytes(data);
      String path = (i % 2 == 0 ? "dir/" : "") + "file" + i + ".bin";
      files.put(path, data);
      all.writeBytes(data);
      b.addStream(path, data.length, () -> new ByteArrayInputStream(data));
    }
    TorrentInfo t = TorrentInfo.parse(b.build().create().torrentFile());
    return new TestTorrents(t, files, all.toByteArray());
  }
}
