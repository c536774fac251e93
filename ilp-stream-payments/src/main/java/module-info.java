/**
 * Interledger STREAM (RFC 29) with STREAM receipts (RFC 39). This release holds the ILP and STREAM
 * packet codecs (every frame type, receipts included) and the packet crypto.
 */
module org.ilptorrent.stream {
  requires transitive org.ilptorrent.verifier;
  requires stream.core;
  requires ilp.core;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.httpserver;

  exports org.ilptorrent.stream;
}
