/**
 * Bencode (BEP 3) for ILP Torrent: a strict, bounded, non-recursive reader that keeps byte offsets
 * and the exact bytes of what it read, a canonical writer, and a typed value model.
 *
 * <p>No dependencies beyond {@code java.base}, no I/O.
 */
module org.ilptorrent.bencode {
  exports org.ilptorrent.bencode;
}
