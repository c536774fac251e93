/**
 * A BitTorrent/WebTorrent tracker server: WebSocket and HTTP on one port, UDP, with licence-gated
 * swarms for paid torrents. Clients need only {@code org.ilptorrent.tracker}.
 */
module org.ilptorrent.tracker.server {
  requires transitive org.ilptorrent.tracker;
  requires org.ilptorrent.netty.server;
  requires org.ilptorrent.redis;
  requires org.ilptorrent.magnet;
  requires org.ilptorrent.bencode;
  requires org.ilptorrent.parse;
  requires org.ilptorrent.verifier;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.ilptorrent.tracker.server;
}
