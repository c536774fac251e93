/**
 * A BitTorrent/WebTorrent tracker client ({@code org.ilptorrent.tracker.client}: WebSocket, HTTP
 * and UDP) and the access tickets of paid swarms ({@code org.ilptorrent.tracker}). The server is
 * {@code org.ilptorrent.tracker.server} (artifact ilp-bittorrent-tracker-server); this module has
 * no server code and no Netty.
 */
module org.ilptorrent.tracker {
  requires org.java_websocket; // the client's WebSocket only
  requires org.ilptorrent.bencode;
  requires transitive org.ilptorrent.magnet;
  // Only for the process's shared HttpClient (org.ilptorrent.verifier.internal.http).
  requires org.ilptorrent.verifier;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.net.http;

  exports org.ilptorrent.tracker;
  exports org.ilptorrent.tracker.client;
}
