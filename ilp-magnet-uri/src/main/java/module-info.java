/**
 * Magnet URIs, info hashes, payment pointers and licences for ILP Torrent, and the small rules
 * several modules share: peer addresses, peer ids, balance ids and path components.
 *
 * <p>Pure values and codecs: no dependencies beyond {@code java.base}, no I/O.
 */
module org.ilptorrent.magnet {
  exports org.ilptorrent.magnet;
}
