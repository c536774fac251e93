/**
 * Creates .torrent files from files, folders and streams, hashing pieces on every core, with a paid
 * torrent's licence committed inside the info dictionary.
 */
module org.ilptorrent.create {
  requires transitive org.ilptorrent.magnet;
  requires org.ilptorrent.bencode;

  exports org.ilptorrent.create;
}
