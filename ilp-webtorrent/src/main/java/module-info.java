/**
 * The BitTorrent/WebTorrent client: peer wire protocol and extensions, piece storage and piece
 * picking. Only {@code org.ilptorrent.webtorrent} is API; the codecs and the picker live in
 * unexported {@code internal} packages.
 */
module org.ilptorrent.webtorrent {
  requires transitive org.ilptorrent.magnet;
  requires transitive org.ilptorrent.parse;
  requires transitive org.ilptorrent.discovery;
  requires org.ilptorrent.create;
  requires org.ilptorrent.bencode;
  requires transitive org.ilptorrent.verifier;
  requires org.ilptorrent.stream;
  requires java.net.http;
  requires org.slf4j;

  exports org.ilptorrent.webtorrent;
}
