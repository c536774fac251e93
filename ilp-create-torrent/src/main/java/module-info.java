/**
 * Creates .torrent files from files, folders and streams, hashing pieces on every core, with a paid
 * torrent's licence committed inside the info dictionary.
 */
module org.ilptorrent.create {
  requires transitive org.ilptorrent.magnet;
  requires bt.bencoding;
  // bt-bencoding is an automatic module that uses Guava without declaring it; naming Guava here
  // puts it in the module graph when both sit on the module path.
  requires com.google.common;

  exports org.ilptorrent.create;
}
