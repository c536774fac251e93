/**
 * Parses .torrent files, magnet links and info hashes into immutable values, keeping the raw info
 * dictionary so that the info hash is always the SHA-1 of the bytes that were read.
 */
module org.ilptorrent.parse {
  requires transitive org.ilptorrent.magnet;
  requires org.ilptorrent.bencode;

  exports org.ilptorrent.parse;
}
