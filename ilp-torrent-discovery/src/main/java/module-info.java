/**
 * One stream of peers per torrent: trackers (through the tracker client), local service discovery
 * (BEP 14), peer addresses from the magnet ({@code x.pe}) and a seam for a DHT. Only {@code
 * org.ilptorrent.discovery} is API; the LSD codec and endpoint live in the unexported {@code
 * internal} package.
 */
module org.ilptorrent.discovery {
  requires transitive org.ilptorrent.magnet;
  requires transitive org.ilptorrent.tracker;
  requires org.slf4j;

  exports org.ilptorrent.discovery;
}
