/**
 * Interledger STREAM (RFC 29) with STREAM receipts (RFC 39). This release holds the ILP and STREAM
 * packet codecs (every frame type, receipts included) and the packet crypto.
 */
module org.ilptorrent.stream {
  requires transitive org.ilptorrent.verifier;
  requires stream.core;
  requires ilp.core;
  // stream-core and ilp-core are automatic modules that use Guava without declaring it; naming
  // Guava here puts it in the module graph when all sit on the module path.
  requires com.google.common;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.httpserver;

  exports org.ilptorrent.stream;
}
