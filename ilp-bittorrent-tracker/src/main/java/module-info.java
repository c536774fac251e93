/**
 * A BitTorrent/WebTorrent tracker server ({@code org.ilptorrent.tracker.server}) and client ({@code
 * org.ilptorrent.tracker.client}) over WebSocket, HTTP and UDP, with licence-gated swarms.
 */
module org.ilptorrent.tracker {
  requires org.java_websocket;
  requires transitive org.ilptorrent.magnet;
  requires org.ilptorrent.parse;
  requires org.ilptorrent.verifier;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires jdk.httpserver;
  requires java.net.http;

  exports org.ilptorrent.tracker.server;
  exports org.ilptorrent.tracker.client;
}
