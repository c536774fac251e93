/**
 * Magnet URIs, info hashes, payment pointers and licences for ILP Torrent.
 *
 * <p>Pure values and codecs: no dependencies beyond {@code java.base}, no I/O.
 */
module org.ilptorrent.magnet {
  exports org.ilptorrent.magnet;
}
