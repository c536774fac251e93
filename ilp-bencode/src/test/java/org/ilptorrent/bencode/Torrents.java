package org.ilptorrent.bencode;

/** Bencoded torrents built for tests and measurements. */
final class Torrents {
  private Torrents() {}

  /**
   * A multi-file torrent of {@code files} files of 1 MiB in 100 folders, 1 MiB pieces: the shape
   * ilp-benchmarks' ParseTorrentBench parses.
   */
  static byte[] manyFiles(int files) {
    BencodeWriter w = new BencodeWriter();
    w.beginDictionary().key("announce").string("udp://tracker.example:6969/announce");
    w.key("created by").string("ilp-bencode test");
    w.key("creation date").integer(1_700_000_000L);
    w.key("info").beginDictionary().key("files").beginList();
    for (int i = 0; i < files; i++) {
      w.beginDictionary()
          .key("length")
          .integer(1 << 20)
          .key("path")
          .beginList()
          .string("folder-" + (i % 100))
          .string("file-" + i + ".bin")
          .end()
          .end();
    }
    w.end();
    w.key("name").string("many files");
    w.key("piece length").integer(1 << 20);
    w.key("pieces").string(new byte[20 * files]);
    return w.end().end().toByteArray();
  }
}
