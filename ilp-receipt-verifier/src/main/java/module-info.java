/**
 * STREAM receipts (RFC 39) and the HTTP client of the receipt verifier service. The server is in
 * {@code org.ilptorrent.verifier.server} (artifact ilp-receipt-verifier-server); this module has no
 * server code and no Netty.
 */
module org.ilptorrent.verifier {
  requires transitive org.ilptorrent.magnet;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;

  exports org.ilptorrent.verifier;
  // The process-wide HTTP client, for the suite's other modules only.
  exports org.ilptorrent.verifier.internal.http to
      org.ilptorrent.verifier.server,
      org.ilptorrent.stream,
      org.ilptorrent.stream.wallet,
      org.ilptorrent.tracker,
      org.ilptorrent.tracker.server,
      org.ilptorrent.webtorrent,
      org.ilptorrent.cli;
}
