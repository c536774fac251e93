/**
 * A BitTorrent/WebTorrent tracker: WebSocket (npm bittorrent-tracker 11's protocol) and HTTP on one
 * port, with licence-gated swarms for paid torrents.
 */
module org.ilptorrent.tracker {
  requires org.java_websocket;
  requires org.ilptorrent.parse;
  requires org.ilptorrent.verifier;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.ilptorrent.tracker.server;
}
