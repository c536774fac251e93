/**
 * A BitTorrent/WebTorrent tracker server ({@code org.ilptorrent.tracker.server}: WebSocket and HTTP
 * on one port, UDP) and client ({@code org.ilptorrent.tracker.client}: WebSocket, HTTP and UDP),
 * with licence-gated swarms for paid torrents.
 */
module org.ilptorrent.tracker {
  requires org.java_websocket; // the client's WebSocket only
  requires org.ilptorrent.netty.server;
  requires org.ilptorrent.bencode;
  requires transitive org.ilptorrent.magnet;
  requires org.ilptorrent.parse;
  requires org.ilptorrent.verifier;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.net.http;

  exports org.ilptorrent.tracker;
  exports org.ilptorrent.tracker.server;
  exports org.ilptorrent.tracker.client;
}
