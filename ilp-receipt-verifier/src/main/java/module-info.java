/**
 * STREAM receipts (RFC 39), the receipt verifier service that turns them into spendable balances,
 * with its SPSP proxy and pointer registry, and an HTTP client for it.
 */
module org.ilptorrent.verifier {
  requires transitive org.ilptorrent.magnet;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires org.ilptorrent.netty.server;
  requires org.slf4j;

  exports org.ilptorrent.verifier;
  // The process-wide HTTP client, for the suite's other client modules only.
  exports org.ilptorrent.verifier.internal.http to
      org.ilptorrent.stream,
      org.ilptorrent.tracker,
      org.ilptorrent.webtorrent,
      org.ilptorrent.cli;
}
