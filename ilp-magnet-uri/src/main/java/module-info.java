/**
 * Magnet URIs, info hashes, payment pointers and licences for ILP Torrent, and the small rules
 * several modules share: peer addresses, peer ids, balance ids and path components.
 *
 * <p>Pure values and codecs: no third-party dependencies (only {@code java.base} and ilp-bencode,
 * for the licence dictionary), no I/O.
 */
module org.ilptorrent.magnet {
  requires transitive org.ilptorrent.bencode;

  exports org.ilptorrent.magnet;
}
