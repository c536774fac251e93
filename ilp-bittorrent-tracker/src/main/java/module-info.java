/**
 * A BitTorrent/WebTorrent tracker. This release holds the WebSocket tracker for free torrents,
 * compatible with npm bittorrent-tracker 11's protocol; HTTP, UDP, the client and licence-gated
 * swarms follow.
 */
module org.ilptorrent.tracker {
  requires org.java_websocket;
  requires org.ilptorrent.parse;
  requires org.ilptorrent.verifier;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires jdk.httpserver;

  exports org.ilptorrent.tracker.server;
}
